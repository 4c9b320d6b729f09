import { Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery } from '@logad/contracts';
import { RecordQueries } from '../ports/record-queries';
import { aroundParams } from '../query/around-params';
import { recordQueryParams } from '../query/record-query-params';
import { sessionQueryParams } from '../query/session-query-params';
import { templateQueryParams } from '../query/template-query-params';
import { timeSeriesParams } from '../query/time-series-params';
import { PostgresConnection } from './postgres-connection';
import { pgAround, pgQueryRecords, pgQuerySessions, pgTemplateStats, pgTimeSeries } from './postgres-queries';

/** The query API over PostgreSQL: indexed, keyset-paginated SQL (see `postgres-queries.ts`). */
export class PostgresRecordQueries extends RecordQueries {
  constructor(private readonly db: PostgresConnection) {
    super();
  }

  queryRecords(q: RecordQuery): Promise<Page<ScoredRecord>> {
    return this.db.query('queryRecords', () => recordQueryParams(q), pgQueryRecords);
  }

  querySessions(q: SessionQuery): Promise<Page<SessionRecord>> {
    return this.db.query('querySessions', () => sessionQueryParams(q), pgQuerySessions);
  }

  templateStats(q: TemplateQuery): Promise<TemplateStat[]> {
    return this.db.query('templateStats', () => templateQueryParams(q), pgTemplateStats);
  }

  around(id: string, before: number, after: number): Promise<ScoredRecord[]> {
    return this.db.query('around', () => aroundParams(id, before, after), pgAround);
  }

  timeSeries(q: TimeSeriesQuery): Promise<TimeBucket[]> {
    return this.db.query('timeSeries', () => timeSeriesParams(q), pgTimeSeries);
  }
}
