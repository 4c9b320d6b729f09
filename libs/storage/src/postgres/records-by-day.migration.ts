/**
 * Migration 7: `logad_records` becomes a table partitioned by UTC day (RANGE on "timestamp"), so
 * that retention drops whole days and time-bounded queries read only their days.
 *
 * A partitioned table's unique keys must contain the partition key, so `(id, "timestamp")` alone
 * would let a resent record with another timestamp (ingest stamps a resend that has none) land
 * twice. Exactly-once by id therefore moves to `logad_record_ids (id PRIMARY KEY, "timestamp")`,
 * which the sink fills in the same statement and which retention empties day by day. Its
 * timestamp also finds a record by id through `logad_records_time` in one partition, so the
 * partitioned table needs no key of its own (one index fewer to maintain per row). The ids come
 * roughly in time order, so a BRIN index serves retention's range deletes at almost no cost.
 *
 * `logad_record_partition(day)` creates one day's partition when missing; the sink calls it for
 * the days a batch touches (and the next), the migration for the days already stored. It takes a
 * transaction-scoped advisory lock per schema, so concurrent workers take turns, and a loser of a
 * race outside the lock (a partition made by hand) is caught as `duplicate_table`.
 *
 * Existing rows move over with their `arrival` numbers; the sequence moves too.
 */
export const RECORDS_BY_DAY_SQL = `
CREATE FUNCTION logad_record_partition(d date) RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
  bc boolean := d < date '0001-01-01';
  name text := 'logad_records_' || to_char(d, 'YYYYMMDD') || CASE WHEN bc THEN '_bc' ELSE '' END;
  next_bc boolean := d + 1 < date '0001-01-01';
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('logad:record-partitions:' || current_schema()));
  IF to_regclass(quote_ident(name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  BEGIN
    -- Bounds as UTC text: the session's TimeZone and DateStyle do not matter.
    EXECUTE format('CREATE TABLE %I PARTITION OF logad_records FOR VALUES FROM (%L) TO (%L)', name,
      to_char(d, 'YYYY-MM-DD') || ' 00:00:00+00' || CASE WHEN bc THEN ' BC' ELSE '' END,
      to_char(d + 1, 'YYYY-MM-DD') || ' 00:00:00+00' || CASE WHEN next_bc THEN ' BC' ELSE '' END);
  EXCEPTION WHEN duplicate_table THEN
    RETURN false;
  END;
  RETURN true;
END
$fn$;

ALTER TABLE logad_records RENAME TO logad_records_v6;
ALTER TABLE logad_records_v6 DROP CONSTRAINT logad_records_pkey;
DROP INDEX logad_records_kind_time, logad_records_time, logad_records_source_time, logad_records_template_time, logad_records_source_arrival;

CREATE TABLE logad_records (
  id text COLLATE "C" NOT NULL,
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
  attributes_text text,
  request_id text,
  received_at bigint NOT NULL,
  stored_at bigint NOT NULL,
  muted boolean,
  kind text,
  reason text,
  arrival bigint NOT NULL
) PARTITION BY RANGE ("timestamp");
ALTER SEQUENCE logad_records_arrival_seq OWNED BY logad_records.arrival;
ALTER TABLE logad_records ALTER COLUMN arrival SET DEFAULT nextval('logad_records_arrival_seq');

CREATE TABLE logad_record_ids (
  id text COLLATE "C" PRIMARY KEY,
  "timestamp" timestamptz NOT NULL
);
CREATE INDEX logad_record_ids_time ON logad_record_ids USING brin ("timestamp");

SELECT logad_record_partition(d) FROM (SELECT DISTINCT ("timestamp" AT TIME ZONE 'UTC')::date AS d FROM logad_records_v6) days;
INSERT INTO logad_record_ids (id, "timestamp") SELECT id, "timestamp" FROM logad_records_v6 ORDER BY arrival;
INSERT INTO logad_records (id, "timestamp", source, level, message, anomaly_score, is_anomaly, prediction, model_version, score,
  template, template_id, attributes, attributes_text, request_id, received_at, stored_at, muted, kind, reason, arrival)
SELECT id, "timestamp", source, level, message, anomaly_score, is_anomaly, prediction, model_version, score,
  template, template_id, attributes, attributes_text, request_id, received_at, stored_at, muted, kind, reason, arrival
FROM logad_records_v6 ORDER BY arrival;
DROP TABLE logad_records_v6;

-- Built after the copy (faster than row by row); each partition gets its own, now and when created.
CREATE INDEX logad_records_kind_time ON logad_records (is_anomaly, "timestamp" DESC, id DESC);
CREATE INDEX logad_records_time ON logad_records ("timestamp" DESC, id DESC);
CREATE INDEX logad_records_source_time ON logad_records (source, "timestamp" DESC, id DESC);
CREATE INDEX logad_records_template_time ON logad_records (template_id, "timestamp" DESC, id DESC) WHERE template_id IS NOT NULL;
CREATE INDEX logad_records_source_arrival ON logad_records (source, "timestamp", arrival);
`;
