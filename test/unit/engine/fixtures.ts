// Claims for engine tests, made by the domain itself (create, upload, submit, assign), so they are
// valid claims in real states; `manyClaims` clones one template for stores of 50,000 and more.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from '../../../shared/domain/actions.js';
import { calendarOf } from '../../../shared/domain/public-holidays.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { apply, create } from '../../../shared/domain/lifecycle.js';
import type { Actor, ProductId } from '../../../shared/domain/model.js';

export const calendar = calendarOf();
export const REVIEWER = { id: 'rev-jana', name: 'Jana Dvořáková', username: 'jana', role: 'reviewer' as const };
export const OTHER_REVIEWER = { id: 'rev-petr', name: 'Petr Novák', username: 'petr', role: 'reviewer' as const };
export const LEAD: Actor = { kind: 'team_lead', id: 'lead-lucie', name: 'Lucie Lead' };
export const reviewerActor: Actor = { kind: 'reviewer', id: REVIEWER.id, name: REVIEWER.name };

const partner = (partnerId: string): Actor => ({ kind: 'partner', id: `p-${partnerId}`, name: 'Pat Partner', partnerId, role: 'global_admin' });

function step(claim: Claim, actor: Actor, command: Command, now: string): Claim {
  const result = apply(claim, actor, command, { now, calendar });
  if (!result.ok) throw new Error(`fixture: ${command.name} refused: ${JSON.stringify(result.refusal)}`);
  return result.claim;
}

export interface ClaimSpec {
  n?: number;
  partnerId?: string;
  partnerName?: string;
  customerName?: string;
  products?: ProductId[];
  assignee?: { id: string; name: string } | null;
  at?: string;
  sha256?: string;
  size?: number;
  /** Take it on to in_review (by the assignee). */
  inReview?: boolean;
}

export function makeClaim(spec: ClaimSpec = {}): Claim {
  const at = spec.at ?? '2026-03-02T08:00:00.000Z';
  const partnerId = spec.partnerId ?? '1029001';
  const p = partner(partnerId);
  const n = spec.n ?? Math.floor(Math.random() * 99_999);
  const created = create(
    {
      id: randomUUID(),
      number: `CL-2026-${String(n).padStart(5, '0')}`,
      partnerId,
      partnerName: spec.partnerName ?? 'Fabrikam s.r.o.',
      activity: 'pre_sales',
      customer: { tenantId: randomUUID(), name: spec.customerName ?? 'Contoso Ltd', subscriptionIds: [] },
      products: spec.products ?? ['d365-sales', 'power-bi'],
      customerContact: { name: 'Carl Customer', email: 'carl@contoso.example' },
      partnerContact: { name: 'Paula Partner', email: 'paula@fabrikam.example' },
    },
    p,
    { now: at, calendar },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.refusal));
  let claim = created.claim;
  const document = { id: randomUUID(), name: 'poe.pdf', sha256: spec.sha256 ?? 'a'.repeat(64), size: spec.size ?? 1000, pages: 2, encrypted: false, uploadedAt: at };
  claim = step(claim, p, { name: 'uploadDocument', args: { document } }, at);
  claim = step(claim, p, { name: 'submit', args: {} }, at);
  const assignee = spec.assignee === undefined ? { id: REVIEWER.id, name: REVIEWER.name } : spec.assignee;
  if (assignee) claim = step(claim, LEAD, { name: 'assign', args: { assignee } }, at);
  if (spec.inReview && assignee) claim = step(claim, { kind: 'reviewer', ...assignee }, { name: 'startReview', args: {} }, at);
  return claim;
}

/** `count` distinct claims cloned from a few templates (fast enough for 100,000). */
export function manyClaims(count: number): Claim[] {
  const partners = ['Fabrikam s.r.o.', 'Northwind a.s.', 'Adatum GmbH', 'Tailspin Ltd', 'Woodgrove Bank', 'Žluťoučký kůň s.r.o.'];
  const templates = partners.map((name, i) =>
    makeClaim({ partnerId: String(1_000_000 + i), partnerName: name, assignee: i % 2 === 0 ? { id: REVIEWER.id, name: REVIEWER.name } : null, at: `2026-03-0${2 + (i % 4)}T08:00:00.000Z` }),
  );
  const out: Claim[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    const minutes = (i * 7919) % 5000;
    const dueShift = (due: string) => new Date(Date.parse(due) + minutes * 60_000).toISOString();
    out.push({
      ...t,
      id: randomUUID(),
      number: `CL-2026-${String(i % 100_000).padStart(5, '0')}`,
      customer: { ...t.customer, name: `Customer ${i}`, tenantId: randomUUID() },
      clocks: Object.fromEntries(Object.entries(t.clocks).map(([k, c]) => [k, { ...c!, dueAt: dueShift(c!.dueAt) }])),
    });
  }
  return out;
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `poe-engine-${label}-`));
}
