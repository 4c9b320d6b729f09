import { TemplateQuery } from '@logad/contracts';
import { queryInstant, queryLimit, querySource } from './query-args';

/** A checked {@link TemplateQuery}. */
export interface TemplateQueryParams {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly source?: string;
  readonly limit: number;
  readonly newSinceMs?: number;
}

/** Checks a template query; throws `StorageInvalidQueryError` naming the broken argument. */
export function templateQueryParams(q: TemplateQuery | undefined): TemplateQueryParams {
  const fn = 'templateStats';
  const query = q ?? {};
  return {
    sinceMs: queryInstant(query.since, fn, 'since'),
    untilMs: queryInstant(query.until, fn, 'until'),
    source: querySource(query.source, fn),
    limit: queryLimit(query.limit, fn),
    newSinceMs: queryInstant(query.newSince, fn, 'newSince'),
  };
}
