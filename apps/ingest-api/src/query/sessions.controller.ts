import { Page, SessionRecord } from '@logad/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { SessionsQueryDto } from './dto/sessions-query.dto';
import { StorageConnection } from './storage-connection';
import { validate } from './validate';

/** Stored anomalous sessions, newest first by `ended_at`. */
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(private readonly store: StorageConnection) {}

  @Get()
  async sessions(@Query(validate) q: SessionsQueryDto): Promise<Page<SessionRecord>> {
    return (await this.store.queries()).querySessions({ since: q.since, until: q.until, limit: q.limit, cursor: q.cursor });
  }
}
