import { LogInput, isPlainObject, normalizeLogFields } from '@logad/contracts';

/**
 * An Elasticsearch document as logad's log. ECS first, flattened (`"log.level"`) or nested
 * (`{"log":{"level"}}`): `message`, `@timestamp`, `log.level`, `service.name`; then what plain
 * loggers send (`msg`, `level`, `severity` and `fields` as winston-elasticsearch writes them,
 * `service`, `app`, `time`; see {@link normalizeLogFields}). Everything else goes to `attributes`, the rest of a
 * nested `log`/`service` object included.
 */
export function esDocumentToLog(doc: Record<string, unknown>): unknown {
  const d: Record<string, unknown> = { ...doc };
  const keep: Record<string, unknown> = {};
  // winston-elasticsearch's default transformer puts the log's metadata (`service`…) under `fields`.
  if (isPlainObject(d.fields)) {
    const { fields } = d;
    delete d.fields;
    for (const k of Object.keys(fields)) if (!(k in d)) d[k] = fields[k];
  }
  if (d.timestamp == null && d['@timestamp'] != null) {
    d.timestamp = d['@timestamp'];
    delete d['@timestamp'];
  }
  const level = take(d, 'log', 'level', keep);
  if (d.level == null && level != null) d.level = level;
  if (d.level == null && d.severity != null) {
    d.level = d.severity;
    delete d.severity;
  }
  const service = take(d, 'service', 'name', keep);
  if (d.source == null && service != null) d.source = service;
  // A service object without a name would be read as the source by the forgiving rename.
  if (d.service != null && typeof d.service !== 'string') {
    keep.service = d.service;
    delete d.service;
  }
  const out = normalizeLogFields(d) as Record<string, unknown>;
  if (Object.keys(keep).length > 0) out.attributes = isPlainObject(out.attributes) ? { ...keep, ...out.attributes } : (out.attributes ?? keep);
  return out as unknown as LogInput;
}

/** Removes and returns `outer.inner`, flattened or nested; a nested object's other fields are kept in `keep`. */
function take(d: Record<string, unknown>, outer: string, inner: string, keep: Record<string, unknown>): unknown {
  const flat = `${outer}.${inner}`;
  if (d[flat] != null) {
    const v = d[flat];
    delete d[flat];
    return v;
  }
  const o = d[outer];
  if (!isPlainObject(o) || o[inner] == null) return undefined;
  const { [inner]: v, ...rest } = o;
  delete d[outer];
  if (Object.keys(rest).length > 0) keep[outer] = rest;
  return v;
}
