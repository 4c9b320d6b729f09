import { startIngestApi } from './bootstrap';

startIngestApi().catch((err: Error) => {
  process.stderr.write(`ingest-api failed to start: ${err.message}\n`);
  process.exit(1);
});
