import { LogInput } from '@logad/contracts';
import { DecodeContext } from './decode-context';
import { RecordOutcome, checkProtocolRecord } from './protocol-record';
import { FACILITY_NAMES, SEVERITY_NAMES, SyslogFields, readPri } from './syslog-fields';
import { parseRfc3164 } from './syslog-rfc3164';
import { parseRfc5424 } from './syslog-rfc5424';

const TRAILING_EOL = /[\r\n]+$/;

/**
 * One syslog message (a TCP frame or a UDP datagram) to a log: RFC 5424 when a version follows the
 * PRI, else RFC 3164. Mapping: APP-NAME / TAG → `source`, else HOSTNAME; severity → `level`
 * (RFC 5424's keywords are level aliases: `err` → ERROR, `notice` → INFO, `emerg` → FATAL…);
 * TIMESTAMP → `timestamp` (none: the receive time); MSG → `message`; hostname, facility, severity,
 * procid, msgid and structured data → `attributes`. Bytes that are not UTF-8 become U+FFFD, and
 * so do NULs (our messages hold none). A message without a PRI is refused: it is not syslog.
 */
export function decodeSyslogMessage(frame: Buffer, ctx: DecodeContext, receivedIso: string): RecordOutcome {
  const s = frame.toString('utf8');
  const pri = readPri(s);
  if (!pri) return { ok: false, errors: [{ field: '(frame)', message: 'a syslog message starts with <PRI> (0–191)' }] };
  const fields = parseRfc5424(s, pri.end, pri.facility, pri.severity) ?? parseRfc3164(s, pri.end, pri.facility, pri.severity, ctx.receivedAt);
  const first = checkProtocolRecord(toLogInput(fields, true), ctx, receivedIso);
  // Structured data or a name over a limit, or a source with control characters: keep the line without them.
  return first.ok ? first : checkProtocolRecord(toLogInput(fields, false), ctx, receivedIso);
}

function toLogInput(f: SyslogFields, whole: boolean): LogInput {
  const attributes: Record<string, unknown> = { facility: FACILITY_NAMES[f.facility], severity: SEVERITY_NAMES[f.severity] };
  if (f.hostname !== undefined) attributes.hostname = f.hostname;
  if (f.procId !== undefined) attributes.procid = f.procId;
  if (f.msgId !== undefined) attributes.msgid = f.msgId;
  if (whole && f.structuredData !== undefined) attributes.structured_data = f.structuredData;
  const log: LogInput = { message: f.message.replace(TRAILING_EOL, '').replace(/\0/g, '\ufffd'), level: SEVERITY_NAMES[f.severity], attributes };
  const source = whole ? (f.appName ?? f.hostname) : undefined;
  if (source !== undefined) log.source = source;
  if (f.timestamp !== undefined) log.timestamp = f.timestamp;
  return log;
}
