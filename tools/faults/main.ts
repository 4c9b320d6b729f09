import { writeFileSync } from 'node:fs';
import { FaultCluster } from './fault-cluster';
import { formatFaultReport } from './fault-report';
import { runFaultSuite } from './fault-suite';
import { FAULT_USAGE, FaultArgsError, parseFaultArgs } from './parse-fault-args';

/** `npm run test:faults`: runs the fault suite, prints the report, exits 1 on any loss or duplicate. */
async function main(): Promise<number> {
  const args = parseFaultArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(FAULT_USAGE + '\n');
    return 0;
  }
  const report = await runFaultSuite({ ...args.options, onProgress: (line) => process.stdout.write(line + '\n') });
  process.stdout.write('\n' + formatFaultReport(report) + '\n');
  if (args.jsonFile) writeFileSync(args.jsonFile, JSON.stringify({ command: process.argv.slice(1).join(' '), ...report }, null, 2) + '\n');
  return report.pass ? 0 : 1;
}

// Interrupted: stop the apps it started and delete its queue rather than leave them behind.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    process.stderr.write(`fault suite interrupted (${sig}): stopping its processes and deleting its queue\n`);
    void Promise.all([...FaultCluster.live].map((c) => c.dispose())).finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`fault suite failed: ${err.message}\n${err instanceof FaultArgsError ? FAULT_USAGE + '\n' : ''}`);
    process.exit(2);
  },
);
