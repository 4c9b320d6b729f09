import { FieldError } from '../logs/field-error';

/** The JSON body of every 4xx/5xx answer of every logad app. */
export interface ErrorBody {
  readonly statusCode: number;
  /** HTTP reason phrase, e.g. `Bad Request`. */
  readonly error: string;
  /** Stable machine-readable code, e.g. `ingest:validation-failed`. */
  readonly code: string;
  /** What is wrong, for a person. */
  readonly message: string;
  readonly details?: FieldError[] | Record<string, unknown>;
}
