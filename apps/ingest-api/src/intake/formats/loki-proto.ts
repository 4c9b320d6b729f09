import { LEN, ProtoWireError, ProtoWireReader, VARINT, wrongWireType } from './proto-wire-reader';
import { LokiBadBodyProblem } from './loki.problems';

/** A decoded Loki stream: its label selector and entries. */
export interface LokiStream {
  readonly labels: string;
  /** The labels when the body carried them as an object (JSON), so that `labels` need not be parsed. */
  readonly parsed?: Record<string, string>;
  readonly entries: LokiEntry[];
}

export interface LokiEntry {
  /** The entry's time in epoch ms, undefined when it has none (0 ns: the receive time). */
  readonly ms: number | undefined;
  readonly line: string;
  /** Structured metadata; undefined when the entry has none (most entries: no object for them). */
  readonly metadata: Record<string, string> | undefined;
}

// Tags (field number << 3 | wire type) of grafana/loki `pkg/push/push.proto`: PushRequest,
// StreamAdapter, EntryAdapter, LabelPairAdapter, google.protobuf.Timestamp. Other fields (the
// stream's `hash`, the querier-only `parsed`) are skipped.
const PUSH_STREAMS = (1 << 3) | LEN;
const STREAM_LABELS = (1 << 3) | LEN;
const STREAM_ENTRIES = (2 << 3) | LEN;
const ENTRY_TIMESTAMP = (1 << 3) | LEN;
const ENTRY_LINE = (2 << 3) | LEN;
const ENTRY_METADATA = (3 << 3) | LEN;
const PAIR_NAME = (1 << 3) | LEN;
const PAIR_VALUE = (2 << 3) | LEN;
const TS_SECONDS = (1 << 3) | VARINT;
const TS_NANOS = (2 << 3) | VARINT;

/**
 * Decodes an uncompressed Loki PushRequest straight from the bytes: strings are decoded in place,
 * and checked for invalid UTF-8 (which decodes to U+FFFD) only when they hold U+FFFD, since proto3
 * strings must be UTF-8. A malformed message (bad varints or lengths, a known field of the wrong
 * wire type, bad UTF-8) is a 400.
 */
export function decodeLokiProto(bytes: Buffer): LokiStream[] {
  const r = new ProtoWireReader(bytes);
  const streams: LokiStream[] = [];
  try {
    const end = r.len;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === PUSH_STREAMS) streams.push(stream(r, r.endOf(end), streams.length));
      else if (tag >>> 3 === 1) throw wrongWireType('streams', tag, LEN);
      else r.skip(tag & 7, end);
    }
  } catch (err) {
    if (err instanceof ProtoWireError) throw new LokiBadBodyProblem(`the body is not a Loki PushRequest: ${err.message}`);
    throw err;
  }
  return streams;
}

function stream(r: ProtoWireReader, end: number, si: number): LokiStream {
  let labels = '';
  const entries: LokiEntry[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === STREAM_ENTRIES) entries.push(entry(r, r.endOf(end), si, entries.length));
    else if (tag === STREAM_LABELS) labels = text(r, end, si, -1, 'labels');
    else if (tag >>> 3 <= 2) throw wrongWireType(tag >>> 3 === 1 ? 'labels' : 'entries', tag, LEN);
    else r.skip(tag & 7, end);
  }
  r.close(end);
  return { labels, entries };
}

function entry(r: ProtoWireReader, end: number, si: number, ei: number): LokiEntry {
  let seconds = 0;
  let nanos = 0;
  let line = '';
  let metadata: Record<string, string> | undefined;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ENTRY_LINE) line = text(r, end, si, ei, 'line');
    else if (tag === ENTRY_TIMESTAMP) {
      // a repeated timestamp replaces the one before (as protobufjs did), it is not merged
      seconds = 0;
      nanos = 0;
      const tsEnd = r.endOf(end);
      while (r.pos < tsEnd) {
        const t = r.tag();
        if (t === TS_SECONDS) seconds = r.int64();
        else if (t === TS_NANOS) nanos = r.uint32() | 0;
        else if (t >>> 3 <= 2) throw wrongWireType(t >>> 3 === 1 ? 'timestamp seconds' : 'timestamp nanos', t, VARINT);
        else r.skip(t & 7, tsEnd);
      }
      r.close(tsEnd);
    } else if (tag === ENTRY_METADATA) {
      metadata ??= Object.create(null) as Record<string, string>;
      pair(r, r.endOf(end), si, ei, metadata);
    } else if (tag >>> 3 <= 3) throw wrongWireType(['timestamp', 'line', 'structured metadata'][(tag >>> 3) - 1], tag, LEN);
    else r.skip(tag & 7, end);
  }
  r.close(end);
  return { ms: seconds === 0 && nanos === 0 ? undefined : seconds * 1000 + Math.floor(nanos / 1e6), line, metadata };
}

function pair(r: ProtoWireReader, end: number, si: number, ei: number, into: Record<string, string>): void {
  let name = '';
  let value = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === PAIR_NAME) name = text(r, end, si, ei, 'metadata name');
    else if (tag === PAIR_VALUE) value = text(r, end, si, ei, 'metadata value');
    else if (tag >>> 3 <= 2) throw wrongWireType(tag >>> 3 === 1 ? 'metadata name' : 'metadata value', tag, LEN);
    else r.skip(tag & 7, end);
  }
  r.close(end);
  into[name] = value;
}

/** A string field, refused when it is not UTF-8, naming where it was. */
function text(r: ProtoWireReader, limit: number, si: number, ei: number, what: 'labels' | 'line' | 'metadata name' | 'metadata value'): string {
  const s = r.string(limit);
  if (!r.lastStringWasUtf8(s)) {
    const where =
      what === 'labels' ? `streams[${si}].labels` : what === 'line' ? `streams[${si}].entries[${ei}].line` : `streams[${si}].entries[${ei}] ${what}`;
    throw new LokiBadBodyProblem(`${where} is not valid UTF-8`);
  }
  return s;
}
