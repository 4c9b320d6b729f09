import { RECORDS_BY_DAY_SQL } from './records-by-day.migration';

/** One schema change; applied once, in a transaction, in version order. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema, as an append-only list: never edit an applied migration, add a new one.
 * Ids use `COLLATE "C"` so that `id DESC` tie-breaks are byte order, as the JSON adapter compares.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records and sessions',
    sql: `
CREATE TABLE logad_records (
  id text COLLATE "C" PRIMARY KEY,
  "timestamp" timestamptz NOT NULL,
  source text,
  level text,
  message text NOT NULL,
  anomaly_score double precision NOT NULL,
  is_anomaly boolean NOT NULL,
  prediction smallint NOT NULL,
  model_version text NOT NULL,
  score double precision,
  template text,
  template_id integer,
  attributes jsonb,
  -- attributes that jsonb cannot hold (a NUL or lone surrogate in a string), as JSON text
  attributes_text text,
  request_id text,
  received_at bigint NOT NULL,
  stored_at bigint NOT NULL
);
CREATE INDEX logad_records_kind_time ON logad_records (is_anomaly, "timestamp" DESC, id DESC);
CREATE INDEX logad_records_time ON logad_records ("timestamp" DESC, id DESC);
CREATE INDEX logad_records_source_time ON logad_records (source, "timestamp" DESC, id DESC);
CREATE INDEX logad_records_template_time ON logad_records (template_id, "timestamp" DESC, id DESC) WHERE template_id IS NOT NULL;

CREATE TABLE logad_sessions (
  id text COLLATE "C" PRIMARY KEY,
  key text NOT NULL,
  line_ids text[] NOT NULL,
  line_count integer NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  closed_by text NOT NULL,
  is_anomaly boolean NOT NULL,
  anomaly_score double precision NOT NULL,
  score double precision NOT NULL,
  reason text NOT NULL,
  unseen_templates text[] NOT NULL,
  model_version text NOT NULL,
  stored_at bigint NOT NULL
);
CREATE INDEX logad_sessions_time ON logad_sessions (ended_at DESC, id DESC);
CREATE INDEX logad_sessions_key ON logad_sessions (key);
`,
  },
  {
    version: 2,
    name: 'muted templates',
    sql: `
CREATE TABLE logad_muted_templates (
  template_id integer PRIMARY KEY,
  template text NOT NULL,
  note text,
  muted_at timestamptz NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'records flagged as muted',
    sql: `ALTER TABLE logad_records ADD COLUMN muted boolean;`,
  },
  {
    version: 4,
    name: 'anomaly kind and reason',
    sql: `ALTER TABLE logad_records ADD COLUMN kind text, ADD COLUMN reason text;`,
  },
  {
    version: 5,
    name: 'template feedback (mute or confirm)',
    // The mutes become one verdict among two; a template has at most one.
    sql: `
ALTER TABLE logad_muted_templates RENAME TO logad_template_feedback;
ALTER TABLE logad_template_feedback RENAME COLUMN muted_at TO given_at;
ALTER TABLE logad_template_feedback ADD COLUMN verdict text NOT NULL DEFAULT 'mute' CHECK (verdict IN ('mute', 'confirm'));
ALTER TABLE logad_template_feedback ALTER COLUMN verdict DROP DEFAULT;
`,
  },
  {
    version: 6,
    name: 'arrival sequence of records',
    // Records of one batch share a millisecond; `around` breaks the tie by arrival. Adding the
    // column numbers the existing rows (in their physical order, the best guess left), new rows
    // take the next values in insert order.
    sql: `
ALTER TABLE logad_records ADD COLUMN arrival bigserial NOT NULL;
CREATE INDEX logad_records_source_arrival ON logad_records (source, "timestamp", arrival);
`,
  },
  {
    version: 7,
    name: 'records partitioned by day, ids in their own table',
    sql: RECORDS_BY_DAY_SQL,
  },
];
