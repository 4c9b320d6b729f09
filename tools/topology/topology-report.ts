import { TopologyReport } from './topology-suite';

const n = (x: number) => x.toLocaleString('en-US');

/** One line per fault: the accounting, the time to heal and to drain. */
export function formatTopologyReport(r: TopologyReport): string {
  const head = [
    'fault',
    'sent',
    'accepted',
    'stored',
    'lost',
    'duplicated',
    'fault s',
    'heal s',
    'drain s',
    '202 p99 ms',
    'requests (503/refused/lost answers)',
  ];
  const rows = r.phases.map((p) => {
    const a = p.accounting;
    const k = p.client.counters;
    return [
      p.fault,
      n(a.sent),
      n(a.accepted),
      n(a.stored),
      n(a.lost),
      n(a.duplicated),
      p.faultS.toFixed(1),
      Number.isNaN(p.healS) ? 'never' : p.healS.toFixed(1),
      p.drainS === undefined ? 'never' : p.drainS.toFixed(1),
      String(p.client.latencyMs.p99),
      `${n(k.requests)} (${n(k.unavailable503)}/${n(k.refused)}/${n(k.answerLost)})`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) => row.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const lines = [
    `logad topology — ${r.pass ? 'PASS' : 'FAIL'} (${r.startedAt}; ${n(r.rate)} logs/s through nginx; REDIS_WAIT_REPLICAS=${r.waitReplicas}; hosts on ${r.subnet})`,
    fmt(head),
    ...rows.map(fmt),
  ];
  for (const p of r.phases) {
    const a = p.accounting;
    const extra = [
      a.storedNotAccepted ? `stored without a 202: ${n(a.storedNotAccepted)} (answer lost: ${n(a.storedNotAcceptedExplained)})` : '',
      a.samples.lost.length ? `lost e.g. ${a.samples.lost.slice(0, 5).join(', ')}` : '',
      ...p.problems,
    ].filter(Boolean);
    if (extra.length) lines.push(`  ${p.fault}: ${extra.join('; ')}`);
  }
  return lines.join('\n');
}
