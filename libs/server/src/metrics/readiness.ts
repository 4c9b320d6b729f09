/** One dependency's state, as in @nestjs/terminus: `{ status: 'up' | 'down', ...details }`. */
export type CheckResult = { status: 'up' | 'down'; [k: string]: unknown };

/** A readiness answer in @nestjs/terminus' shape. */
export interface Readiness {
  readonly status: 'ok' | 'error';
  readonly info: Record<string, CheckResult>;
  readonly error: Record<string, CheckResult>;
  readonly details: Record<string, CheckResult>;
}

/** Runs every check (a throw or a `down` counts as down, each bounded by `timeoutMs`) and sums them up. */
export async function checkReadiness(checks: Record<string, () => Promise<CheckResult>>, timeoutMs = 2000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<CheckResult>((resolve) => {
          timer = setTimeout(() => resolve({ status: 'down', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
        });
        return [name, await Promise.race([check(), timeout])];
      } catch (err) {
        return [name, { status: 'down', message: (err as Error).message }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const details = Object.fromEntries(entries);
  const info = Object.fromEntries(entries.filter(([, r]) => r.status === 'up'));
  const error = Object.fromEntries(entries.filter(([, r]) => r.status !== 'up'));
  return { status: Object.keys(error).length === 0 ? 'ok' : 'error', info, error, details };
}
