import { FeedbackVerdict, TemplateFeedback } from '@logad/contracts';
import { Pool } from 'pg';
import { MuteParams } from '../query/mute-params';
import { pgTimestamp } from './pg-timestamp';

interface FeedbackRow {
  template_id: number;
  verdict: FeedbackVerdict;
  template: string;
  note: string | null;
  at_ms: string;
}

const FEEDBACK_SELECT = `template_id, verdict, template, note, (extract(epoch FROM given_at) * 1000)::int8 AS at_ms`;

const rowToFeedback = (r: FeedbackRow): TemplateFeedback => ({
  template_id: r.template_id,
  verdict: r.verdict,
  template: r.template,
  note: r.note,
  at: new Date(Number(r.at_ms)).toISOString(),
});

/** Inserts or replaces the verdict on one template (one statement, so concurrent verdicts on one template do not collide). */
export async function pgGiveFeedback(pool: Pool, verdict: FeedbackVerdict, p: MuteParams, now: number): Promise<TemplateFeedback> {
  const { rows } = await pool.query<FeedbackRow>(
    `INSERT INTO logad_template_feedback (template_id, verdict, template, note, given_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
ON CONFLICT (template_id) DO UPDATE SET verdict = EXCLUDED.verdict, template = EXCLUDED.template, note = EXCLUDED.note, given_at = EXCLUDED.given_at
RETURNING ${FEEDBACK_SELECT}`,
    [p.templateId, verdict, p.template, p.note, pgTimestamp(now)],
  );
  return rowToFeedback(rows[0]);
}

export async function pgWithdrawFeedback(pool: Pool, verdict: FeedbackVerdict, templateId: number): Promise<boolean> {
  const r = await pool.query('DELETE FROM logad_template_feedback WHERE template_id = $1 AND verdict = $2', [templateId, verdict]);
  return (r.rowCount ?? 0) > 0;
}

export async function pgListFeedback(pool: Pool): Promise<TemplateFeedback[]> {
  const { rows } = await pool.query<FeedbackRow>(`SELECT ${FEEDBACK_SELECT} FROM logad_template_feedback ORDER BY given_at DESC, template_id ASC`);
  return rows.map(rowToFeedback);
}
