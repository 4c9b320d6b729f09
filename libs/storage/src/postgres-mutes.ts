import { Mute } from '@logad/contracts';
import { Pool } from 'pg';
import { MuteParams } from './query/mute-params';
import { pgTimestamp } from './pg-timestamp';

interface MuteRow {
  template_id: number;
  template: string;
  note: string | null;
  muted_ms: string;
}

const MUTE_SELECT = `template_id, template, note, (extract(epoch FROM muted_at) * 1000)::int8 AS muted_ms`;

const rowToMute = (r: MuteRow): Mute => ({
  template_id: r.template_id,
  template: r.template,
  note: r.note,
  muted_at: new Date(Number(r.muted_ms)).toISOString(),
});

/** Inserts or replaces the mute of one template (one statement, so concurrent mutes of one template do not collide). */
export async function pgMuteTemplate(pool: Pool, p: MuteParams, now: number): Promise<Mute> {
  const { rows } = await pool.query<MuteRow>(
    `INSERT INTO logad_muted_templates (template_id, template, note, muted_at) VALUES ($1, $2, $3, $4::timestamptz)
ON CONFLICT (template_id) DO UPDATE SET template = EXCLUDED.template, note = EXCLUDED.note, muted_at = EXCLUDED.muted_at
RETURNING ${MUTE_SELECT}`,
    [p.templateId, p.template, p.note, pgTimestamp(now)],
  );
  return rowToMute(rows[0]);
}

export async function pgUnmuteTemplate(pool: Pool, templateId: number): Promise<boolean> {
  const r = await pool.query('DELETE FROM logad_muted_templates WHERE template_id = $1', [templateId]);
  return (r.rowCount ?? 0) > 0;
}

export async function pgListMutes(pool: Pool): Promise<Mute[]> {
  const { rows } = await pool.query<MuteRow>(`SELECT ${MUTE_SELECT} FROM logad_muted_templates ORDER BY muted_at DESC, template_id ASC`);
  return rows.map(rowToMute);
}
