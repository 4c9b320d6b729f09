import { RouteAuth } from '@logad/server';

/** The route config of every intake route: needs the `ingest` scope; counted as intake in the metrics. */
export const INTAKE_ROUTE: { readonly auth: RouteAuth; readonly intake: true } = { auth: 'ingest', intake: true };

/** Whether a request's route is an intake route (for the rejected-request metrics). */
export function isIntakeRoute(config: unknown): boolean {
  return (config as { intake?: boolean } | undefined)?.intake === true;
}
