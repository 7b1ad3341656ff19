// The SLA board in SQL: running SLA clocks (their own rows and daily tally, clock-index.ts) counted
// per clock and assignee into the domain's buckets (shared/domain/sla-board.ts) by comparing due
// times with the boundaries the domain computes for now, so a million claims are counted from a few
// thousand tally rows and the clocks due in two or three hours, not loaded; and the overdue list,
// latest first.
import { type SQL, sql } from 'drizzle-orm';
import type { SlaBoard, SlaCounts, SlaTrend } from '../../shared/contract/lead.js';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { ClockName } from '../../shared/domain/clocks.js';
import type { Instant } from '../../shared/domain/model.js';
import { slaBoundaries } from '../../shared/domain/sla-board.js';
import type { Tx } from '../db/connect.js';
import { BOARD_CLOCKS, foldClockTally } from './clock-index.js';

const HOUR = 3_600_000;
const zero = (): SlaCounts => ({ on_time: 0, due_soon: 0, due_today: 0, overdue: 0 });

export async function slaBoard(db: Tx, calendar: BusinessCalendar, now: Instant): Promise<SlaBoard> {
  const { endOfToday, soonUntil } = slaBoundaries(calendar, now);
  const bucket = (due: SQL) => sql`
    CASE WHEN ${due} <= ${now}::timestamptz THEN 'overdue'
         WHEN ${due} <= ${endOfToday}::timestamptz THEN 'due_today'
         WHEN ${due} <= ${soonUntil}::timestamptz THEN 'due_soon'
         ELSE 'on_time' END`;
  // An hour that holds no boundary lies wholly in one bucket (that of its first instant), so its
  // clocks are counted from the tally; the clocks due in the hours holding one are counted one by one.
  const edges = [...new Set([now, endOfToday, soonUntil].map((at) => new Date(Math.floor(Date.parse(at) / HOUR) * HOUR).toISOString()))];
  await foldClockTally(db);
  const counts = (await db.execute(sql`
    WITH edge(hour) AS (SELECT unnest(ARRAY[${sql.join(
      edges.map((d) => sql`${d}`),
      sql`, `,
    )}]::timestamptz[])),
    counted AS (
      SELECT t.clock, t.assignee_id, ${bucket(sql`t.due_hour`)} AS bucket, sum(t.n)::integer AS n
      FROM clock_tally t WHERE t.due_hour NOT IN (SELECT hour FROM edge)
      GROUP BY 1, 2, 3 HAVING sum(t.n) <> 0
      UNION ALL
      SELECT k.clock, k.assignee_id, ${bucket(sql`k.due_at`)}, count(*)::integer
      FROM edge e JOIN claim_clocks k ON k.due_at >= e.hour AND k.due_at < e.hour + interval '1 hour'
      GROUP BY 1, 2, 3)
    SELECT c.clock, c.assignee_id, u.name AS assignee_name, c.bucket, c.n
    FROM counted c LEFT JOIN users u ON u.id = c.assignee_id`)) as unknown as { rows: { clock: ClockName; assignee_id: string | null; assignee_name: string | null; bucket: keyof SlaCounts; n: number }[] };

  const board = new Map(BOARD_CLOCKS.map((c) => [c, { total: zero(), byReviewer: new Map<string, { reviewer: { id: string; name: string } | null; counts: SlaCounts }>() }]));
  for (const row of counts.rows) {
    const entry = board.get(row.clock)!;
    entry.total[row.bucket] += Number(row.n);
    const key = row.assignee_id ?? '';
    const reviewer = entry.byReviewer.get(key) ?? { reviewer: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null, counts: zero() };
    reviewer.counts[row.bucket] += Number(row.n);
    entry.byReviewer.set(key, reviewer);
  }

  // The oldest due first from the due_at index; ties at the 200th are all read, then ordered by number.
  const overdue = (await db.execute(sql`
    SELECT k.claim_id AS id, c.number, c.data->>'partnerName' AS partner_name, k.clock, k.due_at, c.data->'assignee' AS assignee
    FROM (SELECT * FROM claim_clocks WHERE due_at <= ${now}::timestamptz ORDER BY due_at FETCH FIRST 200 ROWS WITH TIES) k JOIN claims c ON c.id = k.claim_id
    ORDER BY k.due_at, c.number
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

/**
 * The SLA trend over a period: for each local day (in the calendar's zone) and each board clock,
 * how many clocks were running at the day's end (or now, for today) and whether each was on time or
 * overdue there, by the board's rule (overdue when dueAt <= that instant). A clock runs from its
 * startedAt until it stopped, expired or paused. The database counts: each clock becomes the range
 * of days it ran on time and the range it ran overdue (width_bucket over the days' ends), and a
 * running sum over those ranges' edges gives the per-day counts, so a million claims are one scan.
 * A clock that was paused and resumed reads with its current (extended) due time.
 */
export async function slaTrend(db: Tx, calendar: BusinessCalendar, now: Instant, period: { from: Instant; to: Instant }): Promise<SlaTrend> {
  const points: { day: string; at: Instant }[] = [];
  let day = calendar.local(period.from).startOf('day');
  while (day.toUTC().toISO()! < period.to && day.toUTC().toISO()! < now) {
    const end = day.plus({ days: 1 }).toUTC().toISO()!;
    points.push({ day: day.toISODate()!, at: end < now ? end : now });
    day = day.plus({ days: 1 });
  }
  if (points.length === 0) return { from: period.from, to: period.to, zone: calendar.zone, days: [] };
  // The board's clocks with their order (the board lists them in this order, and so does the trend).
  const clocks = sql.raw(`(VALUES ${BOARD_CLOCKS.map((c, i) => `('${c}', ${i})`).join(', ')}) AS k(name, ord)`);
  const at = JSON.stringify(points.map((p) => p.at));
  // wb(t) = how many reading instants are < t (width_bucket counts those <= its operand).
  const rows = (await db.execute(sql`
    WITH pts AS (SELECT ARRAY(SELECT jsonb_array_elements_text(${at}::jsonb)::timestamptz) AS a),
    clock AS (
      SELECT j.key AS name, (j.value->>'startedAt')::timestamptz AS started, (j.value->>'dueAt')::timestamptz AS due,
             CASE j.value->>'state' WHEN 'running' THEN 'infinity'::timestamptz WHEN 'paused' THEN (j.value->>'pausedAt')::timestamptz
                  ELSE (j.value->>'stoppedAt')::timestamptz END AS ended
      FROM claims c CROSS JOIN LATERAL jsonb_each(c.data->'clocks') AS j
      WHERE c.status <> 'draft' AND j.key IN (${sql.raw(BOARD_CLOCKS.map((c) => `'${c}'`).join(', '))}) AND jsonb_typeof(j.value) = 'object'
    ),
    span AS (
      SELECT s.name, width_bucket(s.started - interval '1 microsecond', p.a) + 1 AS first,
             width_bucket(s.ended - interval '1 microsecond', p.a) AS last,
             width_bucket(s.due - interval '1 microsecond', p.a) + 1 AS late
      FROM clock s, pts p
      WHERE s.started <= p.a[array_length(p.a, 1)] AND s.ended > p.a[1]
    ),
    edge AS (
      SELECT name, first AS i, 1 AS on_time, 0 AS overdue FROM span WHERE first <= least(last, late - 1)
      UNION ALL SELECT name, least(last, late - 1) + 1, -1, 0 FROM span WHERE first <= least(last, late - 1)
      UNION ALL SELECT name, greatest(first, late), 0, 1 FROM span WHERE greatest(first, late) <= last
      UNION ALL SELECT name, last + 1, 0, -1 FROM span WHERE greatest(first, late) <= last
    ),
    step AS (SELECT name, i, sum(on_time) AS on_time, sum(overdue) AS overdue FROM edge GROUP BY name, i)
    SELECT k.name AS clock, g.i,
           (sum(coalesce(s.on_time, 0)) OVER w)::integer AS on_time,
           (sum(coalesce(s.overdue, 0)) OVER w)::integer AS overdue
    FROM ${clocks} CROSS JOIN generate_series(1, ${points.length}::integer) AS g(i)
    LEFT JOIN step s ON s.name = k.name AND s.i = g.i
    WINDOW w AS (PARTITION BY k.name ORDER BY g.i)
    ORDER BY g.i, k.ord`)) as unknown as { rows: { clock: ClockName; i: number; on_time: number; overdue: number }[] };
  return {
    from: period.from,
    to: period.to,
    zone: calendar.zone,
    days: rows.rows.map((r) => ({ day: points[Number(r.i) - 1]!.day, clock: r.clock, onTime: Number(r.on_time), overdue: Number(r.overdue) })),
  };
}
