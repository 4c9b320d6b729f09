// Hosts as network namespaces (needs root and `ip netns`): a worker host SIGKILLed and the Redis
// primary SIGKILLed with a Sentinel failover, under load through nginx, every id accounted for in
// PostgreSQL. A bounded version of `npm run test:topology` (tools/topology/main.ts); it needs
// `npm run build`, Debian's nginx, redis-sentinel and PostgreSQL, and skips, saying why, without root.
import { execFileSync } from 'node:child_process';
import { Network } from './netns';
import { TOPOLOGY_FAULTS } from './topology-faults';
import { formatTopologyReport } from './topology-report';
import { runTopologySuite } from './topology-suite';

jest.setTimeout(180_000);

function missingPrograms(): string[] {
  return ['nginx', 'redis-server', 'redis-sentinel', 'initdb', 'pg_ctl', 'runuser'].filter((p) => {
    try {
      execFileSync('sh', ['-c', `command -v ${p}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

describe('topology: namespaced hosts under faults', () => {
  let skip: string | undefined;

  beforeAll(async () => {
    skip = await Network.unavailable();
    const missing = missingPrograms();
    if (!skip && missing.length > 0) skip = `missing ${missing.join(', ')} (.ci/run installs them)`;
    if (skip) console.warn(`topology e2e skipped: ${skip}`);
  });

  it('loses and duplicates nothing when a worker host and the Redis primary die', async () => {
    if (skip) return;
    const faults = TOPOLOGY_FAULTS.filter((f) => f.name === 'worker-host-killed' || f.name === 'redis-primary-killed');
    const report = await runTopologySuite({ faults, rate: 800, batchSize: 200, warmupS: 5, afterS: 6, waitReplicas: 1 });
    const text = formatTopologyReport(report);
    console.log(text);
    expect(
      report.phases.map((p) => ({
        fault: p.fault,
        lost: p.accounting.lost,
        duplicated: p.accounting.duplicated,
        unexplained: p.accounting.storedNotAcceptedUnexplained,
        problems: p.problems,
      })),
    ).toEqual(faults.map((f) => ({ fault: f.name, lost: 0, duplicated: 0, unexplained: 0, problems: [] })));
    for (const p of report.phases) expect(p.accounting.accepted).toBe(p.accounting.sent);
    expect(report.pass).toBe(true);
  });
});
