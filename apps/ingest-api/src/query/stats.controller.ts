import { Controller, Get, Query } from '@nestjs/common';
import { StatsQueryDto } from './dto/stats-query.dto';
import { StorageConnection } from './storage-connection';
import { StatsAnswer, toRates } from './to-rates';
import { validate } from './validate';

const HOUR_MS = 3_600_000;

/** Logs/s and anomalies/s per time bucket, for the dashboard's chart. */
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly store: StorageConnection) {}

  /**
   * Without `since`, the last hour, its start rounded down to a whole bucket so that buckets stay
   * put between refreshes; without `until`, now.
   */
  @Get()
  async stats(@Query(validate) q: StatsQueryDto): Promise<StatsAnswer> {
    const bucket = q.bucket ?? 60;
    const bucketMs = bucket * 1000;
    const untilMs = q.until === undefined ? Date.now() : Date.parse(q.until);
    const sinceMs = q.since === undefined ? Math.floor((untilMs - HOUR_MS) / bucketMs) * bucketMs : Date.parse(q.since);
    const since = new Date(sinceMs).toISOString();
    const until = new Date(untilMs).toISOString();
    const buckets = await (await this.store.queries()).timeSeries({ since, until, bucketSeconds: bucket, source: q.source });
    return toRates(buckets, sinceMs, untilMs, bucket);
  }
}
