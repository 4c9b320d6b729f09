import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupingAccuracy, parsingAccuracy, TemplateMiner } from '@logad/templates';
import { parseCsv } from './parse-csv';

export interface GroupingResult {
  readonly system: string;
  readonly lines: number;
  readonly trueTemplates: number;
  readonly foundTemplates: number;
  readonly groupingAccuracy: number;
  /** Loghub-2.0 parsing accuracy; null when the csv has no EventTemplate column. */
  readonly parsingAccuracy: number | null;
}

export interface GroupingEvaluation {
  readonly level: 'grouping';
  readonly systems: GroupingResult[];
  /** Mean grouping accuracy. */
  readonly mean: number;
  /** Mean parsing accuracy over the systems that have it; null when none has. */
  readonly meanParsingAccuracy: number | null;
}

/** `<S>_2k.log_structured.csv` files under `input` (a LogHub-2k directory, one system's directory, or one csv). */
export function structuredCsvFiles(input: string): string[] {
  if (fs.statSync(input).isFile()) return [input];
  const direct = fs.readdirSync(input).filter((f) => f.endsWith('_structured.csv'));
  if (direct.length > 0) return direct.map((f) => path.join(input, f));
  return fs
    .readdirSync(input)
    .sort()
    .flatMap((d) => {
      const dir = path.join(input, d);
      if (!fs.statSync(dir).isDirectory()) return [];
      return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('_structured.csv'))
        .map((f) => path.join(dir, f));
    });
}

/**
 * Grouping and parsing accuracy of the template miner (library defaults: one configuration for every system, no
 * per-system header format or regexes) on one structured csv: it learns the Content column in file order, and each
 * line's final template (after later merges) is its group and its parsed template.
 */
export function groupingOf(csvText: string, system: string): GroupingResult {
  const rows = parseCsv(csvText);
  const header = rows[0];
  const ci = header.indexOf('Content');
  const ei = header.indexOf('EventId');
  if (ci < 0 || ei < 0) throw new Error(`${system}: the csv needs Content and EventId columns`);
  const body = rows.slice(1);
  const ti = header.indexOf('EventTemplate');
  const miner = new TemplateMiner();
  const final = body.map((r) => miner.add(r[ci]).templateId).map((id) => miner.get(id) ?? { templateId: id, template: '' });
  const finalIds = final.map((t) => t.templateId);
  const truth = body.map((r) => r[ei]);
  return {
    system,
    lines: body.length,
    trueTemplates: new Set(truth).size,
    foundTemplates: new Set(finalIds).size,
    groupingAccuracy: groupingAccuracy(truth, finalIds),
    parsingAccuracy: ti < 0 ? null : parsingAccuracy(body.map((r) => r[ti]), final.map((t) => t.template)),
  };
}

export function runGroupingEvaluation(input: string): GroupingEvaluation {
  const files = structuredCsvFiles(input);
  if (files.length === 0) throw new Error(`no *_structured.csv under ${input}`);
  const systems = files.map((f) => groupingOf(fs.readFileSync(f, 'utf8'), path.basename(f).replace(/_2k\.log_structured\.csv$|_structured\.csv$/, '')));
  const pa = systems.flatMap((s) => (s.parsingAccuracy === null ? [] : [s.parsingAccuracy]));
  return {
    level: 'grouping',
    systems,
    mean: systems.reduce((a, s) => a + s.groupingAccuracy, 0) / systems.length,
    meanParsingAccuracy: pa.length === 0 ? null : pa.reduce((a, b) => a + b, 0) / pa.length,
  };
}
