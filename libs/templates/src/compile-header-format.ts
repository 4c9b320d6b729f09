import { InvalidHeaderFormatError } from './errors/invalid-header-format.error';
import type { HeaderFormat } from './header-format';

const FIELD_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * Compiles a LogHub/logparser format string such as `<Date> <Time> <Pid> <Level> <Component>: <Content>`.
 * Same semantics as logparser's `generate_logformat_regex`: each `<Field>` becomes a lazy group `.*?`, the text
 * between fields is a regular-expression fragment in which runs of spaces match any whitespace (so `\[` and
 * `(\[<PID>\])?` work), and the whole is anchored at both ends.
 */
export function compileHeaderFormat(format: string): HeaderFormat {
  if (typeof format !== 'string') throw new InvalidHeaderFormatError('compileHeaderFormat requires a string format');
  const parts = format.split(/(<[^<>]+>)/);
  const fields: string[] = [];
  let source = '^';
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      source += parts[i].replace(/ +/g, '\\s+');
      continue;
    }
    const name = parts[i].slice(1, -1);
    if (!FIELD_NAME.test(name)) throw new InvalidHeaderFormatError(`compileHeaderFormat requires field names to be identifiers, got <${name}>`);
    if (fields.includes(name)) throw new InvalidHeaderFormatError(`compileHeaderFormat requires distinct field names, <${name}> appears twice`);
    fields.push(name);
    source += `(?<${name}>.*?)`;
  }
  if (!fields.includes('Content')) throw new InvalidHeaderFormatError(`compileHeaderFormat requires a <Content> field in "${format}"`);
  let regex: RegExp;
  try {
    regex = new RegExp(`${source}$`);
  } catch (e) {
    throw new InvalidHeaderFormatError(`compileHeaderFormat requires a valid regular expression: ${(e as Error).message}`);
  }
  return Object.freeze({ format, fields: Object.freeze(fields), regex });
}
