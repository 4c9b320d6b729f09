/** Body of a `202 Accepted` from `POST /api/v1/logs`. */
export interface IngestAccepted {
  readonly accepted: number;
  readonly ids: string[];
}
