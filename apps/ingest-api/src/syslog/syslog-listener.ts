import { createSocket, RemoteInfo, Socket as UdpSocket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { createServer, isIPv6, Server, Socket } from 'node:net';
import type { Logger } from 'pino';
import { IngestConfig } from '../config/ingest.config';
import { DecodeContext } from '../intake/formats/decode-context';
import { SyslogFramer } from '../intake/formats/syslog-framing';
import { SyslogFrameError } from '../intake/formats/syslog.errors';
import { decodeSyslogMessage } from '../intake/formats/syslog-message';
import { IntakeClient, IntakeService } from '../intake/intake.service';
import { RefusalReason, reasonOfFieldError } from '../intake/refusal-reason';
import { SyslogMetrics } from '../metrics/syslog.metrics';
import { SyslogBatcher } from './syslog-batcher';

type Transport = 'tcp' | 'udp';

/** Why a connection closed, as the reason its partial frame is counted refused under (none for the others). */
const REFUSED_FRAME: Readonly<Record<string, RefusalReason>> = {
  'syslog:frame-too-large': 'frame_too_large',
  'syslog:bad-octet-count': 'bad_octet_count',
  'syslog:truncated-frame': 'truncated_frame',
  'frame-timeout': 'frame_timeout',
};

/** How long a log waits for others before its batch goes to the queue. */
const FLUSH_MS = 20;

/**
 * The syslog listener: RFC 5424 and RFC 3164 messages over TCP (octet-counted or LF-framed,
 * RFC 6587) and UDP (one per datagram, RFC 5426) on one port, each decoded record taken in by the
 * same intake service as the HTTP routes (rate limit per peer address, back-pressure, enqueue,
 * metrics), in batches per sender. Syslog has no answer channel: when intake refuses for a
 * while (queue full, rate limit, Redis away) a TCP sender is paused (its socket is not read, so
 * TCP's window closes) and the batch retried; a UDP batch is dropped and counted. A TCP frame whose
 * framing breaks (a count that lies or is over `SYSLOG_MAX_MESSAGE_BYTES`, the end inside a frame,
 * a frame trickled past `SYSLOG_FRAME_TIMEOUT_MS`) closes its connection; what came whole before it
 * is kept, nothing of the broken frame is.
 */
export class SyslogListener {
  private readonly tcp: Server;
  private readonly udp: UdpSocket;
  private readonly sockets = new Set<Socket>();
  private readonly batchers = new Set<SyslogBatcher>();
  private readonly udpBatchers = new Map<string, SyslogBatcher>();
  private readonly s: IngestConfig['syslog'];

  constructor(
    private readonly config: IngestConfig,
    private readonly intake: IntakeService,
    private readonly metrics: SyslogMetrics,
    private readonly logger: Logger,
  ) {
    this.s = config.syslog;
    this.tcp = createServer({ pauseOnConnect: false, noDelay: true }, (socket) => this.onConnection(socket));
    this.tcp.maxConnections = this.s.maxConnections;
    this.tcp.on('drop', (d) => {
      this.metrics.closed.inc({ reason: 'too-many-connections' });
      this.logger.warn({ peer: d?.remoteAddress, max: this.s.maxConnections }, 'syslog connection refused: SYSLOG_MAX_CONNECTIONS reached');
    });
    this.udp = createSocket({ type: isIPv6(this.s.host) ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    this.udp.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo));
    this.udp.on('error', (err) => this.logger.error({ err: err.message }, 'syslog UDP socket error'));
  }

  /** Binds TCP and UDP on `SYSLOG_HOST:SYSLOG_PORT`; rejects if either is taken. */
  async listen(): Promise<void> {
    const { host, port } = this.s;
    await new Promise<void>((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(port, host, () => {
        this.tcp.off('error', reject);
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.udp.once('error', reject);
      this.udp.bind(port, host, () => {
        this.udp.off('error', reject);
        resolve();
      });
    });
    this.logger.info({ host, port, transports: ['tcp', 'udp'] }, 'syslog listener listening');
  }

  /** Stops listening, drops open connections (what they sent whole is kept) and sends what is batched. */
  async close(): Promise<void> {
    const closed = this.tcp.listening ? new Promise<void>((resolve) => this.tcp.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    await closed;
    try {
      this.udp.close();
    } catch {
      // never bound
    }
    await Promise.all([...this.batchers].map((b) => b.close()));
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    this.metrics.connections.inc();
    const peer: IntakeClient = { ip: socket.remoteAddress ?? 'unknown' };
    const framer = new SyslogFramer(this.s.maxMessageBytes);
    const batcher = this.newBatcher(peer, 'tcp', () => socket.destroyed && this.batchers.delete(batcher));
    let frameTimer: NodeJS.Timeout | undefined;
    let closedBy: string | undefined;
    const close = (reason: string, err?: Error) => {
      if (closedBy || socket.destroyed) return;
      closedBy = reason;
      this.metrics.closed.inc({ reason });
      if (REFUSED_FRAME[reason]) this.intake.countRefused('syslog', REFUSED_FRAME[reason]);
      this.logger.warn({ peer: peer.ip, reason, err: err?.message }, 'syslog connection closed');
      socket.destroy();
    };
    const armFrameDeadline = (restart: boolean) => {
      if (!framer.inFrame) {
        clearTimeout(frameTimer);
        frameTimer = undefined;
      } else if (restart || !frameTimer) {
        clearTimeout(frameTimer);
        frameTimer = setTimeout(() => close('frame-timeout'), this.s.frameTimeoutMs);
      }
    };
    socket.setTimeout(this.s.idleTimeoutMs);
    socket.on('timeout', () => close('idle-timeout'));
    socket.on('data', (chunk: Buffer) => {
      const ctx = this.context();
      const iso = new Date(ctx.receivedAt).toISOString();
      let frames = 0;
      try {
        framer.push(chunk, (frame) => {
          frames++;
          this.take(frame, 'tcp', batcher, ctx, iso);
        });
      } catch (err) {
        if (err instanceof SyslogFrameError) return close(err.code, err);
        throw err;
      }
      armFrameDeadline(frames > 0);
      if (batcher.full) {
        // Back-pressure: read nothing more (TCP's window closes on the sender) until the backlog is sent.
        socket.pause();
        socket.setTimeout(0);
        clearTimeout(frameTimer);
        frameTimer = undefined;
        void batcher.room().then(() => {
          if (socket.destroyed) return;
          socket.setTimeout(this.s.idleTimeoutMs);
          armFrameDeadline(true);
          socket.resume();
        });
      }
    });
    socket.on('end', () => {
      try {
        framer.end();
      } catch (err) {
        if (err instanceof SyslogFrameError) close(err.code, err);
      }
    });
    socket.on('error', (err) => {
      // A reset inside a frame loses that frame, as an end inside one does.
      if (framer.inFrame) close('syslog:truncated-frame', err);
    });
    socket.on('close', () => {
      clearTimeout(frameTimer);
      this.sockets.delete(socket);
      this.metrics.connections.dec();
      if (batcher.idle) this.batchers.delete(batcher);
      else batcher.flushSoon();
    });
  }

  private onDatagram(msg: Buffer, rinfo: RemoteInfo): void {
    if (msg.length > this.s.maxMessageBytes) {
      this.metrics.messages.inc({ transport: 'udp' });
      this.metrics.dropped.inc({ transport: 'udp', reason: 'too-large' });
      this.intake.countRefused('syslog', 'frame_too_large');
      return;
    }
    let batcher = this.udpBatchers.get(rinfo.address);
    if (!batcher) {
      const address = rinfo.address;
      batcher = this.newBatcher({ ip: address }, 'udp', () => {
        this.udpBatchers.delete(address);
        this.batchers.delete(batcher!);
      });
      this.udpBatchers.set(address, batcher);
    }
    const ctx = this.context();
    this.take(msg, 'udp', batcher, ctx, new Date(ctx.receivedAt).toISOString());
  }

  private take(frame: Buffer, transport: Transport, batcher: SyslogBatcher, ctx: DecodeContext, receivedIso: string): void {
    this.metrics.messages.inc({ transport });
    const r = decodeSyslogMessage(frame, ctx, receivedIso);
    if (r.ok) batcher.add(r.log);
    else {
      this.metrics.dropped.inc({ transport, reason: 'invalid' });
      this.intake.countRefused('syslog', reasonOfFieldError(r.errors[0]));
      this.logger.debug({ transport, errors: r.errors }, 'syslog message dropped');
    }
  }

  private newBatcher(peer: IntakeClient, transport: Transport, onIdle: () => void): SyslogBatcher {
    const b = new SyslogBatcher((logs) => this.intake.submit(logs, peer), {
      // A batch over the rate limit's burst could never pass: keep batches within it.
      maxRecords: Math.max(1, Math.min(this.config.recordsPerJob, this.intake.maxLogsPerSubmit ?? Infinity)),
      flushMs: FLUSH_MS,
      retry: transport === 'tcp',
      onIdle,
      onDrop: (count, reason, err) => {
        this.metrics.dropped.inc({ transport, reason }, count);
        this.logger.warn({ transport, peer: peer.ip, count, reason, err: (err as Error)?.message }, 'syslog messages dropped');
      },
    });
    this.batchers.add(b);
    return b;
  }

  private context(): DecodeContext {
    return { limits: this.config.limits, receivedAt: Date.now(), newId: randomUUID };
  }
}
