import { Gauge, Registry } from 'prom-client';

/**
 * `logad_model_info{version}` = 1 for the model in use, as Prometheus' *_info convention has it.
 * Told on every scored batch, it touches the gauge only when the version changes.
 */
export class ModelInfoGauge {
  private readonly gauge: Gauge;
  private version: string | null = null;

  constructor(registry: Registry, help: string) {
    this.gauge = new Gauge({ name: 'logad_model_info', help, labelNames: ['version'], registers: [registry] });
  }

  set(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.gauge.reset();
    this.gauge.set({ version }, 1);
  }
}
