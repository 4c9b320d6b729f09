import type { LabelledLines } from './labelled-data';

/**
 * LogHub BGL lines: `<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>`.
 * The label token ('-' = normal, else an alert category) is stripped: the detector sees only
 * the content, level and component.
 */
export function parseBglLines(text: string): LabelledLines {
  const events: LabelledLines['events'] = [];
  const labels: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const p = line.split(' ');
    if (p.length < 9) throw new Error(`not a LogHub BGL line (fewer than 9 fields): ${line.slice(0, 80)}`);
    labels.push(p[0] === '-' ? 0 : 1);
    events.push({ message: p.slice(9).join(' '), level: p[8], source: p[7] });
  }
  return { events, labels };
}
