/** How often one template occurred in a time window. */
export interface TemplateStat {
  readonly template_id: number;
  /** The template's text on its latest record in the window (templates generalise over time). */
  readonly template: string;
  /** Records of this template in the window. */
  readonly count: number;
  /** Of those, how many were anomalous. */
  readonly anomalies: number;
  /** Earliest and latest record `timestamp` of this template in the window (ISO-8601). */
  readonly first_seen: string;
  readonly last_seen: string;
}
