/**
 * Bounds a graceful shutdown: once SIGTERM or SIGINT arrives, the process exits after `ms` even
 * if something still hangs (Nest's shutdown hooks do the orderly part).
 */
export function installShutdownDeadline(ms: number, onTimeout: () => void = () => undefined): void {
  const arm = () => {
    const t = setTimeout(() => {
      onTimeout();
      process.exit(1);
    }, ms);
    t.unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
