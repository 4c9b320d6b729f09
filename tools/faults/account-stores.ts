/** One line of a store: a record with its id, or a line that does not parse (torn by a crash). */
export type StoredLine =
  | { readonly kind: 'record'; readonly id: string; readonly file: 'normal' | 'anomalous'; readonly isAnomaly: boolean }
  | { readonly kind: 'torn'; readonly file: 'normal' | 'anomalous'; readonly idPrefix?: string };

/** What the harness knows about the logs it sent. */
export interface AccountingInput {
  /** Every id sent at least once. */
  readonly sent: Iterable<string>;
  /** Ids read from 202 answers. */
  readonly accepted: ReadonlySet<string>;
  /** Ids of requests never answered 202 of which some attempt may have been enqueued (answer lost). */
  readonly ambiguous: ReadonlySet<string>;
  readonly lines: Iterable<StoredLine>;
}

/** The final count: every figure is a number of distinct record ids unless it says lines. */
export interface Accounting {
  readonly sent: number;
  readonly accepted: number;
  /** Ids found in at least one store. */
  readonly stored: number;
  readonly storedLines: number;
  /** Accepted, in neither store. */
  readonly lost: number;
  /** Stored more than once (same file or across both files). */
  readonly duplicated: number;
  /** Lines beyond the first for duplicated ids. */
  readonly extraCopies: number;
  /** Stored without a 202; allowed only for requests whose answer was lost. */
  readonly storedNotAccepted: number;
  readonly storedNotAcceptedExplained: number;
  readonly storedNotAcceptedUnexplained: number;
  /** Stored ids this run never sent. */
  readonly foreign: number;
  /** Accepted ids that were never sent (a 202 naming ids that are not ours). */
  readonly acceptedNotSent: number;
  /** Lines that do not parse as a record. */
  readonly tornLines: number;
  /** Records in the file that does not match their `is_anomaly`. */
  readonly misfiled: number;
  readonly normalLines: number;
  readonly anomalousLines: number;
  /** A few ids of each kind of failure, for the report. */
  readonly samples: {
    readonly lost: string[];
    readonly duplicated: string[];
    readonly unexplained: string[];
    readonly foreign: string[];
    readonly torn: string[];
  };
  /** No loss, no duplicate, every stored id explained: the guarantee held. */
  readonly ok: boolean;
}

const SAMPLE = 10;

/** Sent vs accepted vs stored, by record id. */
export function accountStores(input: AccountingInput): Accounting {
  const sent = new Set<string>(input.sent);
  const copies = new Map<string, number>();
  const samples = { lost: [] as string[], duplicated: [] as string[], unexplained: [] as string[], foreign: [] as string[], torn: [] as string[] };
  let storedLines = 0;
  let tornLines = 0;
  let misfiled = 0;
  let normalLines = 0;
  let anomalousLines = 0;
  for (const line of input.lines) {
    if (line.kind === 'torn') {
      tornLines++;
      if (samples.torn.length < SAMPLE) samples.torn.push(`${line.file}: ${line.idPrefix ?? '(no id)'}`);
      continue;
    }
    storedLines++;
    if (line.file === 'normal') normalLines++;
    else anomalousLines++;
    if (line.isAnomaly !== (line.file === 'anomalous')) misfiled++;
    copies.set(line.id, (copies.get(line.id) ?? 0) + 1);
  }
  let lost = 0;
  let acceptedNotSent = 0;
  for (const id of input.accepted) {
    if (!sent.has(id)) acceptedNotSent++;
    if (!copies.has(id)) {
      lost++;
      push(samples.lost, id);
    }
  }
  let duplicated = 0;
  let extraCopies = 0;
  let storedNotAccepted = 0;
  let explained = 0;
  let foreign = 0;
  for (const [id, n] of copies) {
    if (n > 1) {
      duplicated++;
      extraCopies += n - 1;
      push(samples.duplicated, `${id} ×${n}`);
    }
    if (!sent.has(id)) {
      foreign++;
      push(samples.foreign, id);
    } else if (!input.accepted.has(id)) {
      storedNotAccepted++;
      if (input.ambiguous.has(id)) explained++;
      else push(samples.unexplained, id);
    }
  }
  const unexplained = storedNotAccepted - explained;
  return {
    sent: sent.size,
    accepted: input.accepted.size,
    stored: copies.size,
    storedLines,
    lost,
    duplicated,
    extraCopies,
    storedNotAccepted,
    storedNotAcceptedExplained: explained,
    storedNotAcceptedUnexplained: unexplained,
    foreign,
    acceptedNotSent,
    tornLines,
    misfiled,
    normalLines,
    anomalousLines,
    samples,
    ok: lost === 0 && duplicated === 0 && unexplained === 0 && foreign === 0 && acceptedNotSent === 0,
  };
}

function push(xs: string[], x: string): void {
  if (xs.length < SAMPLE) xs.push(x);
}
