import { Counter, Gauge, Registry } from 'prom-client';

/** The syslog listener's metrics; what it takes in is also counted by the intake's (`logad_logs_*`). */
export class SyslogMetrics {
  readonly messages: Counter<'transport'>;
  readonly dropped: Counter<'transport' | 'reason'>;
  readonly closed: Counter<'reason'>;
  readonly connections: Gauge;

  constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'logad_syslog_messages_total',
      help: 'Syslog messages read (TCP frames, UDP datagrams) by transport',
      labelNames: ['transport'],
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'logad_syslog_dropped_total',
      help: 'Syslog messages not stored, by transport and reason (invalid, too-large, backpressure, refused, shutdown)',
      labelNames: ['transport', 'reason'],
      registers: [registry],
    });
    this.closed = new Counter({
      name: 'logad_syslog_connections_closed_total',
      help: 'TCP connections closed or refused by the listener, by reason (an error code, idle-timeout, frame-timeout, too-many-connections)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.connections = new Gauge({ name: 'logad_syslog_connections', help: 'Open syslog TCP connections', registers: [registry] });
  }
}
