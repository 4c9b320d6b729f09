import { startMlApi } from './bootstrap';

startMlApi().catch((err: Error) => {
  process.stderr.write(`ml-api failed to start: ${err.message}\n`);
  process.exit(1);
});
