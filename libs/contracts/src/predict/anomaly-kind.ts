/**
 * What kind of anomaly a flagged line is, in terms an SRE recognises:
 * - `new_pattern`: a template never seen on this source (past its learning period);
 * - `surge`: a template's count in a time bucket far above its learned rate;
 * - `rare`: a line the line model (templates + TF-IDF + Isolation Forest) scores far out;
 * - `session`: a whole session (block, request, trace) unlike the training sessions.
 */
export const ANOMALY_KINDS = ['new_pattern', 'surge', 'rare', 'session'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
