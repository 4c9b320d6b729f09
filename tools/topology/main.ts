import { writeFileSync } from 'node:fs';
import { Network } from './netns';
import { TOPOLOGY_FAULTS } from './topology-faults';
import { formatTopologyReport } from './topology-report';
import { live, runTopologySuite } from './topology-suite';

const USAGE = `npm run test:topology -- [--rate N] [--faults a,b] [--wait-replicas N] [--keep] [--json FILE]
faults: ${TOPOLOGY_FAULTS.map((f) => f.name).join(', ')} (default: all)`;

/** `npm run test:topology`: every fault on the namespaced topology; exits 1 on any loss or duplicate. */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const why = await Network.unavailable();
  if (why) {
    process.stderr.write(`topology suite cannot run: ${why}\n`);
    return 2;
  }
  const names = opt('--faults')?.split(',');
  const faults = names ? names.map((n) => TOPOLOGY_FAULTS.find((f) => f.name === n) ?? fail(`unknown fault ${n}\n${USAGE}`)) : TOPOLOGY_FAULTS;
  const report = await runTopologySuite({
    faults,
    rate: Number(opt('--rate') ?? 1000),
    batchSize: 250,
    warmupS: 8,
    afterS: 12,
    waitReplicas: Number(opt('--wait-replicas') ?? 0),
    keepDir: argv.includes('--keep'),
    onProgress: (line) => process.stdout.write(line + '\n'),
  });
  process.stdout.write('\n' + formatTopologyReport(report) + '\n');
  const json = opt('--json');
  if (json) writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  return report.pass ? 0 : 1;
}

function fail(msg: string): never {
  throw new Error(msg);
}

// Interrupted: kill every process of every host and delete the namespaces and the bridge.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    process.stderr.write(`topology suite interrupted (${sig}): tearing the hosts down\n`);
    void Promise.all([...live].map((c) => c.dispose()))
      .then(() => Promise.all([...Network.live].map((n) => n.dispose())))
      .finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`topology suite failed: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
