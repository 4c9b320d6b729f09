import { isUtf8 } from 'node:buffer';
import { Field, Root, Type } from 'protobufjs';
import { LokiBadBodyProblem } from './loki.problems';

/**
 * Loki's push messages (grafana/loki `pkg/push/push.proto`: PushRequest, StreamAdapter,
 * EntryAdapter, LabelPairAdapter, and google.protobuf.Timestamp), defined here by reflection from
 * their field numbers rather than loaded from a .proto: the only copy in node_modules ships with a
 * devDependency (winston-loki). Strings are read as `bytes` so that invalid UTF-8 is refused
 * (protobufjs would silently replace it), and `hash` and the querier-only `parsed` are left out
 * (unknown fields are skipped).
 */
const Timestamp = new Type('Timestamp').add(new Field('seconds', 1, 'int64')).add(new Field('nanos', 2, 'int32'));
const LabelPair = new Type('LabelPairAdapter').add(new Field('name', 1, 'bytes')).add(new Field('value', 2, 'bytes'));
const Entry = new Type('EntryAdapter')
  .add(new Field('timestamp', 1, 'Timestamp'))
  .add(new Field('line', 2, 'bytes'))
  .add(new Field('structuredMetadata', 3, 'LabelPairAdapter', 'repeated'));
const Stream = new Type('StreamAdapter').add(new Field('labels', 1, 'bytes')).add(new Field('entries', 2, 'EntryAdapter', 'repeated'));
const PushRequest = new Type('PushRequest').add(new Field('streams', 1, 'StreamAdapter', 'repeated'));
// Types resolve each other by name within one root.
new Root().define('logproto').add(Timestamp).add(LabelPair).add(Entry).add(Stream).add(PushRequest).root.resolveAll();

/** A decoded Loki stream: its label selector and entries, timestamps in nanoseconds as a decimal string. */
export interface LokiStream {
  readonly labels: string;
  /** The labels when the body carried them as an object (JSON), so that `labels` need not be parsed. */
  readonly parsed?: Record<string, string>;
  /** `ms`: the entry's time in epoch ms, undefined when it has none (0 ns: the receive time). */
  readonly entries: { readonly ms: number | undefined; readonly line: string; readonly metadata: Record<string, string> }[];
}

interface Raw {
  streams?: {
    labels?: Uint8Array;
    entries?: { timestamp?: { seconds?: unknown; nanos?: number }; line?: Uint8Array; structuredMetadata?: { name?: Uint8Array; value?: Uint8Array }[] }[];
  }[];
}

/** Decodes an uncompressed Loki PushRequest; a malformed message (bad lengths, bad UTF-8) is a 400. */
export function decodeLokiProto(bytes: Buffer): LokiStream[] {
  let raw: Raw;
  try {
    raw = PushRequest.decode(bytes) as unknown as Raw;
  } catch (err) {
    throw new LokiBadBodyProblem(`the body is not a Loki PushRequest: ${(err as Error).message}`);
  }
  return (raw.streams ?? []).map((s, si) => ({
    labels: text(s.labels, `streams[${si}].labels`),
    entries: (s.entries ?? []).map((e, ei) => {
      const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const p of e.structuredMetadata ?? [])
        metadata[text(p.name, `streams[${si}].entries[${ei}] metadata name`)] = text(p.value, `streams[${si}].entries[${ei}] metadata value`);
      return { ms: millis(e.timestamp), line: text(e.line, `streams[${si}].entries[${ei}].line`), metadata };
    }),
  }));
}

function text(b: Uint8Array | undefined, where: string): string {
  if (b === undefined || b.length === 0) return '';
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (!isUtf8(buf)) throw new LokiBadBodyProblem(`${where} is not valid UTF-8`);
  return buf.toString('utf8');
}

/**
 * seconds·1000 + nanos / 1e6 as epoch ms; int64 seconds arrive as a Long (or a number). A time
 * too large for a double is past any date logad takes, and is refused as such by the record check.
 */
function millis(ts: { seconds?: unknown; nanos?: number } | undefined): number | undefined {
  if (!ts) return undefined;
  const s = ts.seconds;
  const seconds =
    typeof s === 'number'
      ? s
      : typeof (s as { toNumber?: unknown } | null)?.toNumber === 'function'
        ? (s as { toNumber(): number }).toNumber()
        : s != null
          ? Number(String(s))
          : 0;
  const nanos = ts.nanos ?? 0;
  if (seconds === 0 && nanos === 0) return undefined;
  return seconds * 1000 + Math.floor(nanos / 1e6);
}
