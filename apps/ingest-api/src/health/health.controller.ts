import { LogQueue } from '@logad/queue';
import { Controller, Get } from '@nestjs/common';

@Controller()
export class HealthController {
  constructor(private readonly queue: LogQueue) {}

  /** Liveness, and whether the queue answers (ingest refuses logs with 503 while it does not). */
  @Get('health')
  async health(): Promise<{ status: 'ok'; queue: 'up' | 'down' }> {
    const up = await this.queue.ping().then(
      () => true,
      () => false,
    );
    return { status: 'ok', queue: up ? 'up' : 'down' };
  }
}
