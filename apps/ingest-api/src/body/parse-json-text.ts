import sjson from 'secure-json-parse';
import { ForbiddenKeyProblem, MalformedJsonProblem } from './body.problems';

const OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;

/** JSON.parse that refuses prototype-poisoning keys; `where` names the place for the error. */
export function parseJsonText(text: string, where: string, onMalformed: (reason: string) => Error = (r) => new MalformedJsonProblem(r)): unknown {
  try {
    return sjson.parse(text, OPTIONS);
  } catch (err) {
    const msg = (err as Error).message;
    if (/forbidden prototype property/i.test(msg)) throw new ForbiddenKeyProblem(where);
    throw onMalformed(msg);
  }
}
