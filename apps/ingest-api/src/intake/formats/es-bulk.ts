import { ID_PATTERN, QueuedLog, isPlainObject } from '@logad/contracts';
import { parseJsonText } from '../../body/parse-json-text';
import { DecodeContext } from './decode-context';
import { BulkMalformedProblem } from './elasticsearch.problems';
import { esDocumentToLog } from './es-document';
import { RefusalReason, RefusalTally, addRefusal, reasonOfFieldError } from '../refusal-reason';
import { checkProtocolRecord, describeErrors } from './protocol-record';

/** One item of a bulk answer, as Elasticsearch writes it under its action's name. */
export interface BulkItem {
  readonly action: string;
  readonly _index: string;
  readonly _id: string;
  readonly status: number;
  readonly error?: { readonly type: string; readonly reason: string };
}

/** A decoded bulk request: the logs to take and an item per action, in order. */
export interface BulkResult {
  readonly logs: QueuedLog[];
  readonly items: BulkItem[];
  /** The refused items by reason (for the metric). */
  readonly refused: RefusalTally;
}

const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

/**
 * Elasticsearch's `_bulk` (NDJSON: an action line, then for `index`/`create`/`update` a source
 * line). As Elasticsearch does, a malformed action line fails the whole request, while a source
 * line that is not JSON, or a document logad cannot take, fails only its item. `update` and
 * `delete` are answered per item: logs are not changed once taken. `defaultIndex` is the path's
 * `{index}`.
 */
export function decodeBulk(text: string, defaultIndex: string | undefined, ctx: DecodeContext): BulkResult {
  const lines = text.split('\n');
  const logs: QueuedLog[] = [];
  const items: BulkItem[] = [];
  const tally: RefusalTally = new Map();
  const refused = (action: string, _index: string, _id: string, type: string, reason: string, why: RefusalReason): BulkItem => {
    addRefusal(tally, why);
    return { action, _index, _id, status: 400, error: { type, reason } };
  };
  const receivedIso = new Date(ctx.receivedAt).toISOString();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const n = i + 1;
    if (items.length >= ctx.limits.maxBatchSize)
      throw new BulkMalformedProblem(`a bulk request holds at most ${ctx.limits.maxBatchSize} actions (MAX_BATCH_SIZE)`);
    const { action, meta } = actionOf(line, n);
    const index = typeof meta._index === 'string' && meta._index ? meta._index : defaultIndex;
    const clientId = typeof meta._id === 'string' || typeof meta._id === 'number' ? String(meta._id) : undefined;
    if (action === 'delete') {
      items.push(
        refused(
          action,
          index ?? '',
          clientId ?? '',
          'action_request_validation_exception',
          'logad keeps logs as they came: delete is not supported',
          'unsupported_action',
        ),
      );
      continue;
    }
    i++;
    if (i >= lines.length || lines[i].trim() === '') throw new BulkMalformedProblem(`the ${action} action on line ${n} has no source line after it`);
    if (action === 'update') {
      items.push(
        refused(
          action,
          index ?? '',
          clientId ?? '',
          'action_request_validation_exception',
          'logad keeps logs as they came: update is not supported',
          'unsupported_action',
        ),
      );
      continue;
    }
    if (index === undefined) {
      items.push(refused(action, '', clientId ?? '', 'action_request_validation_exception', 'Validation Failed: 1: index is missing;', 'no_index'));
      continue;
    }
    let doc: unknown;
    try {
      doc = parseJsonText(lines[i], `line ${i + 1}`, (reason) => new Error(reason));
    } catch (err) {
      items.push(refused(action, index, clientId ?? '', 'document_parsing_exception', `[${i + 1}] failed to parse: ${(err as Error).message}`, 'undecodable'));
      continue;
    }
    if (!isPlainObject(doc)) {
      items.push(refused(action, index, clientId ?? '', 'document_parsing_exception', `[${i + 1}] the document must be a JSON object`, 'not_an_object'));
      continue;
    }
    const input = esDocumentToLog(doc) as Record<string, unknown>;
    if (clientId !== undefined) {
      if (ID_PATTERN.test(clientId) && clientId.length <= ctx.limits.maxIdLength) input.id = clientId;
      else input.attributes = { _id: clientId, ...(input.attributes as object | undefined) };
    }
    const r = checkProtocolRecord(input as never, ctx, receivedIso);
    if (!r.ok) {
      items.push(
        refused(action, index, clientId ?? '', 'document_parsing_exception', `[${i + 1}] ${describeErrors(r.errors)}`, reasonOfFieldError(r.errors[0])),
      );
      continue;
    }
    logs.push(r.log);
    items.push({ action, _index: index, _id: clientId ?? r.log.id, status: 201 });
  }
  if (items.length === 0) throw new BulkMalformedProblem('request body is required: a bulk request holds at least one action');
  return { logs, items, refused: tally };
}

function actionOf(line: string, n: number): { action: string; meta: Record<string, unknown> } {
  let v: unknown;
  try {
    v = parseJsonText(line, `line ${n}`, (reason) => new BulkMalformedProblem(`Malformed action/metadata line [${n}]: ${reason}`));
  } catch (err) {
    if (err instanceof BulkMalformedProblem) throw err;
    throw new BulkMalformedProblem(`Malformed action/metadata line [${n}]: ${(err as Error).message}`);
  }
  // The action is the first key; later ones are ignored (winston-elasticsearch adds `attempts` on retries).
  const action = isPlainObject(v) ? Object.keys(v)[0] : undefined;
  if (action === undefined) throw new BulkMalformedProblem(`Malformed action/metadata line [${n}], expected an object holding the action`);
  if (!ACTIONS.has(action))
    throw new BulkMalformedProblem(
      `Malformed action/metadata line [${n}], expected one of [create, delete, index, update] but found [${action.slice(0, 100)}]`,
    );
  const meta = (v as Record<string, unknown>)[action];
  if (!isPlainObject(meta)) throw new BulkMalformedProblem(`Malformed action/metadata line [${n}], expected an object under [${action}]`);
  return { action, meta };
}
