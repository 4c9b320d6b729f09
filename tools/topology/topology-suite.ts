import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Accounting, accountStores } from '../faults/account-stores';
import { FaultBatches } from '../faults/fault-batches';
import { ROOT } from '../faults/fault-cluster';
import { ClientArgs, ClientResult } from './client-main';
import { TopologyCluster } from './topology-cluster';
import { TopologyFault } from './topology-faults';

export interface TopologyOptions {
  readonly faults: readonly TopologyFault[];
  /** Logs per second the client sends through nginx. */
  readonly rate: number;
  readonly batchSize: number;
  /** Steady load before each fault (s). */
  readonly warmupS: number;
  /** Load beyond the time the fault is expected to take (s). */
  readonly afterS: number;
  readonly waitReplicas: number;
  readonly keepDir?: boolean;
  readonly onProgress?: (line: string) => void;
}

/** One fault's figures. */
export interface PhaseResult {
  readonly fault: string;
  readonly what: string;
  readonly accounting: Accounting;
  /** From the injection until intake answers 202 again and the backlog is back to its level before the fault (s). */
  readonly healS: number;
  /** How long the fault itself lasted, injection to undo (s). */
  readonly faultS: number;
  /** From the end of the load until the queue was empty (s); undefined: not drained. */
  readonly drainS?: number;
  readonly client: Omit<ClientResult, 'accepted' | 'ambiguous'>;
  readonly problems: string[];
  readonly pass: boolean;
}

export interface TopologyReport {
  readonly startedAt: string;
  readonly rate: number;
  readonly waitReplicas: number;
  readonly subnet: string;
  readonly phases: PhaseResult[];
  readonly pass: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const CLIENT = join(ROOT, 'tools/dist/topology/client-main.js');

/** Builds the topology, then for each fault: load, inject, heal, drain, account; tears everything down at the end. */
export async function runTopologySuite(o: TopologyOptions): Promise<TopologyReport> {
  const log = o.onProgress ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const c = await TopologyCluster.create({ lockMs: 5_000, stalledIntervalMs: 2_000, waitReplicas: o.waitReplicas }, log);
  live.add(c);
  try {
    const run = randomUUID().slice(0, 8);
    const phases: PhaseResult[] = [];
    for (const [i, fault] of o.faults.entries()) phases.push(await runPhase(c, o, fault, `${run}-${i}`, log));
    return { startedAt, rate: o.rate, waitReplicas: o.waitReplicas, subnet: `${c.net.subnet}.0/24`, phases, pass: phases.every((p) => p.pass) };
  } finally {
    live.delete(c);
    await c.dispose(o.keepDir);
  }
}

/** Clusters not yet disposed, for SIGINT. */
export const live = new Set<TopologyCluster>();

async function runPhase(c: TopologyCluster, o: TopologyOptions, fault: TopologyFault, tag: string, log: (line: string) => void): Promise<PhaseResult> {
  log(`${fault.name}: ${fault.what}`);
  const out = join(c.dir, `client-${tag}.json`);
  let accepted = 0;
  let clientDone = false;
  // The load runs through the fault and afterS beyond the time it is expected to take.
  const durationMs = (o.warmupS + fault.expectedS + o.afterS) * 1000;
  const args: ClientArgs = { url: c.ingestUrl, tag, rate: o.rate, batchSize: o.batchSize, durationMs, settleTimeoutMs: 120_000, out };
  const client = c.spawn('client', [CLIENT, JSON.stringify(args)], {});
  client.onOutput((line) => {
    const m = /^accepted (\d+)/.exec(line);
    if (m) accepted = Number(m[1]);
    if (line.startsWith('done')) clientDone = true;
  });
  const clientExit = client.exited;
  let prePeak = 0;
  const warmEnd = Date.now() + o.warmupS * 1000;
  while (Date.now() < warmEnd) {
    prePeak = Math.max(prePeak, (await c.backlog())?.pending ?? 0);
    await sleep(500);
  }
  const problems: string[] = [];
  const t0 = Date.now();
  try {
    await fault.run(c, (l) => log(l));
  } catch (err) {
    problems.push(`the fault could not be run or undone: ${(err as Error).message}`);
  }
  const tUndone = Date.now();
  const acceptedAtUndo = accepted;
  let healed: number | undefined;
  while (healed === undefined && Date.now() - tUndone < 120_000) {
    const b = await c.backlog();
    if (b && b.pending <= prePeak + 2 && (accepted > acceptedAtUndo || clientDone)) healed = Date.now();
    else await sleep(250);
  }
  if (healed === undefined) problems.push('not healed within 120 s of the undo');
  log(
    `  undone after ${((tUndone - t0) / 1000).toFixed(1)} s; healed ${healed === undefined ? 'never' : `${((healed - t0) / 1000).toFixed(1)} s after the injection`}`,
  );
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([clientExit, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 150_000)))]);
  clearTimeout(timer);
  if (!exit || exit.code !== 0) problems.push(`the client did not finish cleanly; last output:\n${client.lastLines()}`);
  const loadEnd = Date.now();
  let drainS: number | undefined;
  while (Date.now() - loadEnd < 120_000) {
    const b = await c.backlog();
    if (b && b.pending === 0) {
      drainS = (Date.now() - loadEnd) / 1000;
      break;
    }
    await sleep(250);
  }
  if (drainS === undefined) problems.push('the queue did not drain within 120 s');
  const result = JSON.parse(await readFile(out, 'utf8').catch(() => 'null')) as ClientResult | null;
  if (!result) throw new Error(`the client wrote no result; last output:\n${client.lastLines()}`);
  const batches = new FaultBatches(tag, result.batchSize);
  function* sent(): Generator<string> {
    for (let n = 0; n < result!.sentBatches; n++) yield* batches.ids(n);
  }
  const accounting = accountStores({ sent: sent(), accepted: new Set(result.accepted), ambiguous: new Set(result.ambiguous), lines: await c.storedLines(tag) });
  if (result.abandoned > 0) problems.push(`${result.abandoned} batch(es) never got a 202`);
  if (result.mismatched > 0) problems.push(`${result.mismatched} 202 answer(s) named other ids`);
  const { accepted: _a, ambiguous: _b, ...client_ } = result;
  const phase: PhaseResult = {
    fault: fault.name,
    what: fault.what,
    accounting,
    healS: healed === undefined ? NaN : (healed - t0) / 1000,
    faultS: (tUndone - t0) / 1000,
    drainS,
    client: client_,
    problems,
    pass: accounting.ok && problems.length === 0,
  };
  log(
    `  sent ${accounting.sent}, accepted ${accounting.accepted}, stored ${accounting.stored}, lost ${accounting.lost}, duplicated ${accounting.duplicated}${phase.pass ? '' : ' — FAIL'}`,
  );
  return phase;
}
