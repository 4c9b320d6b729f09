import { IngestAccepted } from '@logad/contracts';
import { LogQueue } from '@logad/queue';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { IngestConfig } from '../config/ingest.config';
import { INGEST_CONFIG } from '../tokens';
import { acceptLogs } from './log-acceptor';

@Controller('api/v1/logs')
export class LogsController {
  constructor(@Inject(INGEST_CONFIG) private readonly config: IngestConfig, private readonly queue: LogQueue) {}

  /** Validates every log, enqueues them all, and only then answers 202 with their ids. */
  @Post()
  @HttpCode(202)
  async ingest(@Body() body: unknown): Promise<IngestAccepted> {
    const logs = acceptLogs(body, this.config.limits);
    await this.queue.enqueue(logs);
    return { accepted: logs.length, ids: logs.map((l) => l.id) };
  }
}
