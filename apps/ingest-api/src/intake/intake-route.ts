import { RouteAuth } from '@logad/server';
import { IntakeFormat } from './refusal-reason';

/** The route config of an intake route: it needs the `ingest` scope, is counted as intake, and says the content types it takes. */
export interface IntakeRouteConfig {
  readonly auth: RouteAuth;
  readonly intake: true;
  readonly accepts: readonly string[];
  /** Its refused records are counted under this format. */
  readonly format: IntakeFormat;
}

/** The content types of logad's own format. */
export const LOGAD_TYPES = ['application/json', 'application/x-ndjson'] as const;

/** `POST /api/v1/logs`. */
export const INTAKE_ROUTE: IntakeRouteConfig = { auth: 'ingest', intake: true, accepts: LOGAD_TYPES, format: 'logad' };

/** An intake route config with other content types. */
export const intakeRoute = (accepts: readonly string[], format: IntakeFormat): IntakeRouteConfig => ({ auth: 'ingest', intake: true, accepts, format });

/** Whether a request's route is an intake route (for the rejected-request metrics). */
export function isIntakeRoute(config: unknown): boolean {
  return (config as { intake?: boolean } | undefined)?.intake === true;
}

/** The format of an intake route (undefined for any other route). */
export function formatOf(config: unknown): IntakeFormat | undefined {
  return isIntakeRoute(config) ? (config as { format?: IntakeFormat }).format : undefined;
}

/** The content types a route takes (logad's own when it says none). */
export function acceptedTypesOf(config: unknown): readonly string[] {
  return (config as { accepts?: readonly string[] } | undefined)?.accepts ?? LOGAD_TYPES;
}

/** The media type of a Content-Type header, lower case, without parameters (`application/json`). */
export function mediaTypeOf(header: string | string[] | undefined): string {
  return String(header ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}
