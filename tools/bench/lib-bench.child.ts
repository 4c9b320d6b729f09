// Runs one lib bench's exported runner in its own process, under @swc-node/register (lib benches
// import their lib's TypeScript source): node -r @swc-node/register lib-bench.child.js <bench.ts> <export> <options JSON> <out.json>
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';

async function main(): Promise<void> {
  const [file, exportName, optionsJson, outFile] = process.argv.slice(2);
  // Progress goes to stderr; stdout is left alone so that nothing can garble the results file.
  console.log = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const mod = require(file) as Record<string, unknown>;
  const run = mod[exportName];
  if (typeof run !== 'function') throw new Error(`${file} exports no function ${exportName}`);
  const results = (await run({ ...(JSON.parse(optionsJson) as object), log: (l: string) => process.stderr.write(`${l}\n`) })) as unknown;
  writeFileSync(outFile, JSON.stringify(results));
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
