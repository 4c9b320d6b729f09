import { Page, ScoredRecord } from '@logad/contracts';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { AnomaliesQueryDto } from './dto/anomalies-query.dto';
import { AroundQueryDto } from './dto/around-query.dto';
import { RecordFilterDto } from './dto/record-filter.dto';
import { RecordIdParamDto } from './dto/record-id-param.dto';
import { RecordsQueryDto } from './dto/records-query.dto';
import { StorageConnection } from './storage-connection';
import { validate } from './validate';

/** Stored scored records: the anomaly stream, any records, and the lines around one. */
@Controller('api/v1')
export class RecordsController {
  constructor(private readonly store: StorageConnection) {}

  /** Anomalous records (of one `kind`, if given), newest first, a keyset page at a time. */
  @Get('anomalies')
  async anomalies(@Query(validate) q: AnomaliesQueryDto): Promise<Page<ScoredRecord>> {
    return (await this.store.queries()).queryRecords({ ...toRecordQuery(q), kind: 'anomalous', anomalyKind: q.kind });
  }

  /** Records of a kind (`anomalous` by default, `normal`, `all`), newest first. */
  @Get('records')
  async records(@Query(validate) q: RecordsQueryDto): Promise<Page<ScoredRecord>> {
    return (await this.store.queries()).queryRecords({ ...toRecordQuery(q), kind: q.kind ?? 'anomalous' });
  }

  /** The record and up to `before`/`after` (default 20) records of its source around it, oldest first. */
  @Get('records/:id/around')
  async around(@Param(validate) p: RecordIdParamDto, @Query(validate) q: AroundQueryDto): Promise<{ items: ScoredRecord[] }> {
    const items = await (await this.store.queries()).around(p.id, q.before ?? 20, q.after ?? 20);
    if (items.length === 0) throw new NotFoundException(`no stored record has id ${p.id}`);
    return { items };
  }
}

function toRecordQuery(q: RecordFilterDto) {
  return { since: q.since, until: q.until, source: q.source, level: q.level, templateId: q.template_id, limit: q.limit, cursor: q.cursor };
}
