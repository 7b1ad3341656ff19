// The demo dataset (issue 4, point 7): 5 partners, 3 reviewers and a team lead, and about 300
// claims over the two months before `now`, across every status and clock reading, each with PoE
// PDFs that read like real ones. Every claim is built only through shared/domain (story.ts);
// the same seed and `now` give the same dataset, byte for byte.
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { Claim } from '../../shared/domain/claim.js';
import { Instant, type Activity } from '../../shared/domain/model.js';
import { DocumentLibrary } from './documents.js';
import { buildEngagements, type Engagement } from './engagements.js';
import { Random } from './random.js';
import { type PlanContext, SCENARIOS } from './scenarios.js';
import { type ClaimPlan, StoryRunner } from './story.js';
import { Timeline } from './timeline.js';
import { DemoAccounts, type DemoUser } from './users.js';

export type { DemoUser } from './users.js';

export interface DemoDataset {
  users: DemoUser[];
  claims: Claim[];
  /** The PoE files the claims cite, by SHA-256. */
  blobs: Map<string, Uint8Array>;
}

export const DEFAULT_DEMO_SEED = 20_261;

/** Customers per partner: each engagement's documents back several claims. */
const ENGAGEMENTS_PER_PARTNER = 12;

const ACTIVITIES: readonly Activity[] = ['technical_deployment', 'technical_deployment', 'pre_sales', 'pre_sales', 'revenue_association'];

export async function buildDemoDataset(opts: { now: string; calendar: BusinessCalendar; seed?: number }): Promise<DemoDataset> {
  const now = Instant.parse(opts.now);
  const random = new Random(opts.seed ?? DEFAULT_DEMO_SEED);
  const accounts = new DemoAccounts(random.fork('accounts'));
  const engagements = buildEngagements(random.fork('engagements'), now, ENGAGEMENTS_PER_PARTNER);

  const plans: Omit<ClaimPlan, 'number'>[] = [];
  for (const scenario of SCENARIOS) {
    const eligible = engagements.filter(scenario.engagement ?? (() => true));
    if (eligible.length === 0) throw new Error(`no engagement fits the demo scenario "${scenario.name}"`);
    const shared = random.fork(`shared:${scenario.shareEngagement ?? scenario.name}`).pick(eligible);
    for (let index = 0; index < scenario.count; index++) {
      const r = random.fork(`${scenario.name}#${index}`);
      const engagement: Engagement = scenario.shareEngagement ? shared : r.pick(eligible);
      const products = scenario.allProducts || r.chance(0.65) ? [...engagement.products] : [r.pick(engagement.products)];
      const reviewer = r.chance(0.06) ? 'lead' : r.int(0, 2);
      const context: PlanContext = {
        tl: new Timeline(opts.calendar, now, r.fork('time')),
        random: r,
        engagement,
        products,
        index,
        reviewer,
        otherReviewer: reviewer === 'lead' ? r.int(0, 2) : (reviewer + r.int(1, 2)) % 3,
      };
      plans.push({ id: r.uuid(), engagement, products, activity: r.pick(ACTIVITIES), steps: scenario.plan(context) });
    }
  }

  const library = new DocumentLibrary(now, random.fork('documents'));
  const runner = new StoryRunner(opts.calendar, now, accounts, library, random.fork('stories'));
  const claims: Claim[] = [];
  for (const plan of numbered(plans, opts.calendar, random.fork('numbers'))) claims.push(await runner.run(plan));
  return { users: accounts.users, claims, blobs: library.blobs };
}

/** Claim numbers in order of creation, per year (CL-2026-00412), continuing from an earlier run of numbers. */
function numbered(plans: Omit<ClaimPlan, 'number'>[], calendar: BusinessCalendar, random: Random): ClaimPlan[] {
  const byCreation = [...plans].sort((a, b) => a.steps[0]!.at.localeCompare(b.steps[0]!.at));
  const next = new Map<string, number>();
  let offset = random.int(200, 600);
  return byCreation.map((plan) => {
    const year = calendar.localDate(plan.steps[0]!.at).slice(0, 4);
    const n = next.get(year) ?? offset;
    offset = 1;
    next.set(year, n + 1);
    return { ...plan, number: `CL-${year}-${String(n).padStart(5, '0')}` };
  });
}
