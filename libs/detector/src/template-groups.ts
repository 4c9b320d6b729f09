import { TemplateMiner } from '@logad/templates';
import { InvalidInputError } from './errors/invalid-input.error';

/**
 * The template each message falls in when the detector's template miner (Drain, default options)
 * learns them in order: final ids after every merge, for grouping-accuracy evaluations.
 */
export function templateGroups(messages: ReadonlyArray<string>): number[] {
  if (!Array.isArray(messages) || !messages.every((m) => typeof m === 'string')) throw new InvalidInputError('templateGroups requires an array of strings');
  const miner = new TemplateMiner();
  const ids = messages.map((m) => miner.add(m).templateId);
  // an id handed out early may have been merged into a later, more general template
  return ids.map((id) => miner.get(id)?.templateId ?? id);
}
