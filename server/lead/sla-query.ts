// The SLA board in SQL: running SLA clocks counted per clock and assignee into the domain's buckets
// (shared/domain/sla-board.ts) by comparing due times with the boundaries the domain computes for
// now, so a million claims are counted by the database, not loaded; and the overdue list, latest first.
import { sql } from 'drizzle-orm';
import type { SlaBoard, SlaCounts } from '../../shared/contract/lead.js';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import { type ClockName, SLA_CLOCKS } from '../../shared/domain/clocks.js';
import type { Instant } from '../../shared/domain/model.js';
import { slaBoundaries } from '../../shared/domain/sla-board.js';
import type { Tx } from '../db/connect.js';

const zero = (): SlaCounts => ({ on_time: 0, due_soon: 0, due_today: 0, overdue: 0 });

/** The board's clocks: the SLAs and the partner's response window (issue 16 lists them). */
export const BOARD_CLOCKS: ClockName[] = [...SLA_CLOCKS, 'partner_response'];

export async function slaBoard(db: Tx, calendar: BusinessCalendar, now: Instant): Promise<SlaBoard> {
  const { endOfToday, soonUntil } = slaBoundaries(calendar, now);
  const clocks = sql.raw(`(VALUES ${BOARD_CLOCKS.map((c) => `('${c}')`).join(', ')}) AS k(name)`);
  const counts = (await db.execute(sql`
    SELECT k.name AS clock, c.assignee_id, c.data->'assignee'->>'name' AS assignee_name,
           CASE WHEN due <= ${now}::timestamptz THEN 'overdue'
                WHEN due <= ${endOfToday}::timestamptz THEN 'due_today'
                WHEN due <= ${soonUntil}::timestamptz THEN 'due_soon'
                ELSE 'on_time' END AS bucket,
           count(*)::integer AS n
    FROM claims c CROSS JOIN ${clocks}
    CROSS JOIN LATERAL (SELECT (c.data->'clocks'->k.name->>'dueAt')::timestamptz AS due) d
    WHERE c.status <> 'draft' AND c.data->'clocks'->k.name->>'state' = 'running'
    GROUP BY 1, 2, 3, 4`)) as unknown as { rows: { clock: ClockName; assignee_id: string | null; assignee_name: string | null; bucket: keyof SlaCounts; n: number }[] };

  const board = new Map(BOARD_CLOCKS.map((c) => [c, { total: zero(), byReviewer: new Map<string, { reviewer: { id: string; name: string } | null; counts: SlaCounts }>() }]));
  for (const row of counts.rows) {
    const entry = board.get(row.clock)!;
    entry.total[row.bucket] += Number(row.n);
    const key = row.assignee_id ?? '';
    const reviewer = entry.byReviewer.get(key) ?? { reviewer: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null, counts: zero() };
    reviewer.counts[row.bucket] += Number(row.n);
    entry.byReviewer.set(key, reviewer);
  }

  const overdue = (await db.execute(sql`
    SELECT c.id, c.number, c.data->>'partnerName' AS partner_name, k.name AS clock, (c.data->'clocks'->k.name->>'dueAt') AS due_at, c.data->'assignee' AS assignee
    FROM claims c CROSS JOIN ${clocks}
    WHERE c.status <> 'draft' AND c.data->'clocks'->k.name->>'state' = 'running' AND (c.data->'clocks'->k.name->>'dueAt')::timestamptz <= ${now}::timestamptz
    ORDER BY (c.data->'clocks'->k.name->>'dueAt')::timestamptz ASC, c.number
    LIMIT 200`)) as unknown as { rows: { id: string; number: string; partner_name: string; clock: ClockName; due_at: string; assignee: { id: string; name: string } | null }[] };

  return {
    now,
    clocks: BOARD_CLOCKS.map((clock) => {
      const entry = board.get(clock)!;
      return { clock, total: entry.total, byReviewer: [...entry.byReviewer.values()].sort((a, b) => (a.reviewer?.name ?? '').localeCompare(b.reviewer?.name ?? '')) };
    }),
    overdue: overdue.rows.map((o) => ({ claimId: o.id, claimNumber: o.number, partnerName: o.partner_name, clock: o.clock, dueAt: new Date(o.due_at).toISOString(), assignee: o.assignee })),
  };
}
