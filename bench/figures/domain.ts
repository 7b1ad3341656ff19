// Domain speed: the lifecycle runs on every decision (server, engine replay) and the clocks on
// every queue row, so both must stay cheap next to the simplest work they could be compared with.
import { DateTime } from 'luxon';
import { apply, create, emptyChecklist, readClock, type Actor, type Claim } from '../../shared/domain/index.js';
import { calendarOf } from '../../shared/domain/public-holidays.js';
import type { Figure } from '../figure.js';
import { millis, opsPerSecond } from '../measure.js';

const calendar = calendarOf();
const partner: Actor = { kind: 'partner', id: 'p1', name: 'Pat', partnerId: '1234567', role: 'global_admin' };
const reviewer: Actor = { kind: 'reviewer', id: 'r1', name: 'Jana' };
const lead: Actor = { kind: 'team_lead', id: 'l1', name: 'Lea' };

function claimInReview(): Claim {
  const ctx = { now: '2026-11-02T09:00:00.000Z', calendar };
  let r = create(
    {
      id: '5b0c7a4e-8a8c-4d0e-9a53-0f8b6f1d2a10',
      number: 'CL-2026-00001',
      partnerId: '1234567',
      partnerName: 'Fabrikam',
      activity: 'pre_sales',
      customer: { tenantId: '0b6f3c9e-2f7a-4f0e-8d6c-9a1b2c3d4e5f', name: 'Contoso', subscriptionIds: [] },
      products: ['d365-sales', 'power-bi'],
      customerContact: { name: 'Ann', email: 'ann@contoso.example' },
      partnerContact: { name: 'Ben', email: 'ben@fabrikam.example' },
    },
    partner,
    ctx,
  );
  const steps: [Actor, Parameters<typeof apply>[2]][] = [
    [partner, { name: 'uploadDocument', args: { document: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'poe.pdf', sha256: 'a'.repeat(64), size: 1000, pages: 3, encrypted: false, uploadedAt: ctx.now } } }],
    [partner, { name: 'submit', args: {} }],
    [lead, { name: 'assign', args: { assignee: { id: 'r1', name: 'Jana' } } }],
    [reviewer, { name: 'startReview', args: {} }],
  ];
  for (const [actor, command] of steps) {
    if (!r.ok) break;
    r = apply(r.claim, actor, command, ctx);
  }
  if (!r.ok) throw new Error(`bench set-up refused: ${r.refusal.code}`);
  return r.claim;
}

const ctx = { now: '2026-11-03T10:00:00.000Z', calendar };

export const figures: Figure[] = [
  {
    name: 'domain_apply_approve',
    unit: 'ops/s',
    async run() {
      const claim = claimInReview();
      const checklist = Object.fromEntries(Object.entries(emptyChecklist(claim.products)).map(([k, v]) => [k, { ...v!, state: 'passed' as const }]));
      const approve = { name: 'approve' as const, args: { checklist } };
      return {
        value: opsPerSecond(() => apply(claim, reviewer, approve, ctx)),
        baseline: { name: 'structuredClone(claim)', value: opsPerSecond(() => structuredClone(claim)) },
      };
    },
  },
  {
    name: 'domain_add_business_days_5',
    unit: 'ops/s',
    async run() {
      let day = 0;
      return {
        value: opsPerSecond(() => calendar.addBusinessDays(`2026-${String((day++ % 12) + 1).padStart(2, '0')}-15T09:00:00.000Z`, 5)),
        baseline: {
          name: 'luxon.plus(5 days)',
          value: opsPerSecond(() => DateTime.fromISO('2026-06-15T09:00:00.000Z', { zone: 'Europe/Prague' }).plus({ days: 5 }).toISO()),
        },
      };
    },
  },
  {
    name: 'domain_sla_reading_50k',
    unit: 'ms',
    async run() {
      const clock = claimInReview().clocks.review_sla!;
      const rows = 50_000;
      return {
        value: millis(() => {
          for (let i = 0; i < rows; i++) readClock(calendar, clock, ctx.now);
        }),
        baseline: {
          name: 'Date.parse.50k',
          value: millis(() => {
            for (let i = 0; i < rows; i++) Date.parse(clock.dueAt);
          }),
        },
      };
    },
  },
];
