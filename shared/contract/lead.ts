// The team lead's desk over HTTP (issue 16): the decision log and its CSV export, a claim as it
// stood when decided, the SLA board, the assignment pool, QA rule and disagreements, and the QA
// tasks of reviewers. The service validates with these and documents its OpenAPI from them; the
// desktop engine parses the answers with them.
import { z } from 'zod';
import { LOGGED_DECISIONS } from '../domain/actions.js';
import { Checklist, PAR_REASONS } from '../domain/checklist.js';
import { Claim, HistoryEntry } from '../domain/claim.js';
import { ClockName } from '../domain/clocks.js';
import { Assignee, ClaimStatus, Instant, PartnerId, ProductId } from '../domain/model.js';
import { QaComparison, QaSamplingRule, QaTask } from '../domain/qa.js';
import { REJECTION_REASONS } from '../domain/rejection.js';
import { WireRefusal } from './sync.js';

const Flag = z.enum(['true', 'false'], { error: 'use true or false' }).transform((v) => v === 'true');

/** What happened to a decided claim afterwards (the log's "later" column and the outcome filter). */
export const LATER_EVENTS = [
  'partner_responded',
  'no_partner_response',
  'customer_opted_out',
  'disputed',
  'dispute_upheld',
  'dispute_overturned',
  'reopened',
  'qa_disagreed',
  'qa_upheld',
] as const;
export const LaterEvent = z.enum(LATER_EVENTS);

/** The outcome filter: applied or refused, or something that happened to the decision later. */
export const DECISION_OUTCOMES = ['applied', 'refused', 'customer_opted_out', 'disputed', 'dispute_overturned', 'reopened'] as const;

export const DECISION_REASONS = [...PAR_REASONS, ...REJECTION_REASONS] as const;

export const DecisionLogFilter = z.strictObject({
  /** decided at or after (ISO 8601 instant, UTC). */
  from: Instant.optional(),
  /** decided before. */
  to: Instant.optional(),
  reviewerId: z.string().trim().min(1).max(200).optional(),
  action: z.enum(LOGGED_DECISIONS).optional(),
  reason: z.enum(DECISION_REASONS).optional(),
  product: ProductId.optional(),
  partnerId: PartnerId.optional(),
  outcome: z.enum(DECISION_OUTCOMES).optional(),
  offline: Flag.optional(),
  qaDisagreement: Flag.optional(),
});
export type DecisionLogFilter = z.output<typeof DecisionLogFilter>;

export const DecisionLogQuery = DecisionLogFilter.extend({
  sort: z.enum(['newest', 'oldest']).default('newest'),
  /** The nextCursor of the previous page. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DecisionLogQuery = z.output<typeof DecisionLogQuery>;

export const CsvQuery = DecisionLogFilter.extend({
  sort: z.enum(['newest', 'oldest']).default('newest'),
  /** The language of the header row. */
  lang: z.enum(['en', 'cs']).default('en'),
});

export const ChecklistSummary = z.strictObject({
  passed: z.array(z.string()),
  missing: z.array(z.string()),
  unchecked: z.array(z.string()),
  notes: z.record(z.string(), z.string()),
});

export const DecisionLogRow = z.strictObject({
  id: z.string(),
  claimId: z.uuid(),
  claimNumber: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  customerName: z.string(),
  products: z.array(z.string()),
  reviewer: Assignee,
  action: z.enum(LOGGED_DECISIONS),
  reasons: z.array(z.string()),
  verdict: z.string().nullable(),
  checklist: ChecklistSummary.nullable(),
  comment: z.string().nullable(),
  decidedAt: Instant,
  receivedAt: Instant,
  lagMs: z.number().int(),
  offline: z.boolean(),
  timeSpentMs: z.number().int().nullable(),
  claimVersion: z.number().int(),
  outcome: z.enum(['applied', 'refused']),
  refusal: WireRefusal.nullable(),
  qaState: z.string().nullable(),
  later: z.array(LaterEvent),
});
export type DecisionLogRow = z.infer<typeof DecisionLogRow>;

export const DecisionLogPage = z.strictObject({ rows: z.array(DecisionLogRow), nextCursor: z.string().nullable() });
export type DecisionLogPage = z.infer<typeof DecisionLogPage>;

export const DecisionIdParams = z.strictObject({ id: z.string().regex(/^(e\d+|r[0-9a-f-]{36}:\d+)$/, 'a decision id looks like e123 (or r<client>:<n> for a refused one)') });

/** A claim as it stood at a decision: history up to it, the checklist with notes and pins, and what came after. */
export const ClaimAsDecided = z.strictObject({
  decision: DecisionLogRow,
  claim: Claim,
  checklist: Checklist.nullable(),
  after: z.array(HistoryEntry),
});
export type ClaimAsDecided = z.infer<typeof ClaimAsDecided>;

// ---- SLA board -------------------------------------------------------------------------------

export const SLA_BUCKETS = ['on_time', 'due_soon', 'due_today', 'overdue'] as const;
export const SlaCounts = z.strictObject({ on_time: z.number().int(), due_soon: z.number().int(), due_today: z.number().int(), overdue: z.number().int() });
export type SlaCounts = z.infer<typeof SlaCounts>;

export const SlaBoard = z.strictObject({
  now: Instant,
  clocks: z.array(
    z.strictObject({
      clock: ClockName,
      total: SlaCounts,
      byReviewer: z.array(z.strictObject({ reviewer: Assignee.nullable(), counts: SlaCounts })),
    }),
  ),
  overdue: z.array(z.strictObject({ claimId: z.uuid(), claimNumber: z.string(), partnerName: z.string(), clock: ClockName, dueAt: Instant, assignee: Assignee.nullable() })),
});
export type SlaBoard = z.infer<typeof SlaBoard>;

// ---- assignment ------------------------------------------------------------------------------

export const PoolQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Only claims assigned to this reviewer (to reassign them); without it, the unassigned pool. */
  assigneeId: z.string().trim().min(1).max(200).optional(),
});

export const AssignmentPool = z.strictObject({
  loads: z.array(z.strictObject({ reviewer: Assignee, openClaims: z.number().int() })),
  claims: z.array(
    z.strictObject({
      claimId: z.uuid(),
      claimNumber: z.string(),
      partnerName: z.string(),
      customerName: z.string(),
      status: ClaimStatus,
      version: z.number().int(),
      assignee: Assignee.nullable(),
      submittedAt: Instant.nullable(),
      disputed: z.boolean(),
      suggested: Assignee.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type AssignmentPool = z.infer<typeof AssignmentPool>;

// ---- QA --------------------------------------------------------------------------------------

export const QaRuleBody = QaSamplingRule.omit({ revision: true });

export const QaDisagreementList = z.strictObject({
  disagreements: z.array(
    z.strictObject({
      claimId: z.uuid(),
      claimNumber: z.string(),
      claimVersion: z.number().int(),
      status: ClaimStatus,
      task: QaTask,
    }),
  ),
});
export type QaDisagreementList = z.infer<typeof QaDisagreementList>;

export const QaTaskList = z.strictObject({
  tasks: z.array(z.strictObject({ taskId: z.uuid(), claimId: z.uuid(), claimNumber: z.string(), partnerName: z.string(), openedAt: Instant })),
});

export const QaTaskParams = z.strictObject({ taskId: z.uuid('a QA task id is a UUID') });

/** A QA task as its QA reviewer sees it: blind (nothing of the first decision) until the verdict is recorded. */
export const QaTaskView = z.strictObject({
  taskId: z.uuid(),
  state: QaTask.shape.state,
  claim: Claim,
  /** The claim's current version: the base a verdict is pushed on. */
  baseVersion: z.number().int(),
  /** The first decision beside the verdict: null until the verdict is recorded. */
  comparison: QaComparison.nullable(),
});
export type QaTaskView = z.infer<typeof QaTaskView>;

// ---- the desk's side ---------------------------------------------------------------------------

/** The decision log query as the desk passes it between its processes: flags as booleans (the service's query string spells them true/false). */
export const DeskDecisionLogQuery = DecisionLogQuery.extend({ offline: z.boolean().optional(), qaDisagreement: z.boolean().optional() });
export type DeskDecisionLogQuery = z.input<typeof DeskDecisionLogQuery>;

/** The CSV export of the filtered log as the desk asks for it. */
export const DeskCsvQuery = DeskDecisionLogQuery.omit({ cursor: true, limit: true }).extend({ lang: CsvQuery.shape.lang });
export type DeskCsvQuery = z.input<typeof DeskCsvQuery>;

export const LeadClaimParams = z.strictObject({ id: z.uuid('a claim id is a UUID') });

// ---- reviewer metrics and the SLA trend -------------------------------------------------------

/** The longest period metrics and the SLA trend answer over (a day per point: a year's worth). */
export const MAX_PERIOD_DAYS = 366;

/** A period of decisions (or days): from (inclusive) to (exclusive), both instants, at most a year. */
const Period = z.strictObject({
  /** Start of the period, inclusive (ISO 8601 instant). */
  from: Instant,
  /** End of the period, exclusive. */
  to: Instant,
});
function checkPeriod(p: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const span = Date.parse(p.to) - Date.parse(p.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
  else if (span > MAX_PERIOD_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_PERIOD_DAYS} days; move from or to` });
}

export const MetricsQuery = Period.extend({
  /** Only this reviewer's decisions (and workload); without it, the whole team. */
  reviewerId: z.string().trim().min(1).max(200).optional(),
}).superRefine(checkPeriod);
export type MetricsQuery = z.output<typeof MetricsQuery>;

export const SlaTrendQuery = Period.superRefine(checkPeriod);
export type SlaTrendQuery = z.output<typeof SlaTrendQuery>;

const Ms = z.number().int().nonnegative().nullable();
const Share = z.number().min(0).max(1).nullable();

export const ReviewerMetrics = z.strictObject({
  from: Instant,
  to: Instant,
  /** The calendar zone the days are counted in. */
  zone: z.string(),
  reviewer: Assignee.nullable(),
  /** Applied decisions per local day and action (days without decisions are left out). */
  perDay: z.array(z.strictObject({ day: z.iso.date(), action: z.enum(LOGGED_DECISIONS), count: z.number().int() })),
  /** Time spent on a decision (approve, request partner action, reject): per reviewer and in total (reviewer null). */
  timeSpent: z.array(z.strictObject({ reviewer: Assignee.nullable(), decisions: z.number().int(), medianMs: Ms, p90Ms: Ms })),
  /** Each PAR reason's share of the requests for partner action in the period (a request may carry several). */
  parReasons: z.strictObject({
    requests: z.number().int(),
    reasons: z.array(z.strictObject({ reason: z.enum(PAR_REASONS), count: z.number().int(), share: Share })),
  }),
  /** What became of the period's approvals and rejections later (before the claim's next decision). */
  outcomes: z.strictObject({
    approvals: z.number().int(),
    approvalsOptedOut: z.number().int(),
    rejections: z.number().int(),
    rejectionsDisputed: z.number().int(),
    rejectionsOverturned: z.number().int(),
  }),
  /** QA second review of the period's decisions: the verdicts recorded and how often they agreed. */
  qa: z.strictObject({
    sampled: z.number().int(),
    reviewed: z.number().int(),
    outcomeAgreed: z.number().int(),
    outcomeAgreement: Share,
    items: z.array(z.strictObject({ item: z.string(), reviewed: z.number().int(), agreed: z.number().int(), agreement: Share })),
  }),
  /** Open work now (not the period's): claims in review or waiting, and open QA tasks, per reviewer. */
  workload: z.array(z.strictObject({ reviewer: Assignee, openClaims: z.number().int(), openQaTasks: z.number().int() })),
});
export type ReviewerMetrics = z.infer<typeof ReviewerMetrics>;

/** Per local day and clock: the running clocks at the day's end, on time or overdue. */
export const SlaTrend = z.strictObject({
  from: Instant,
  to: Instant,
  zone: z.string(),
  days: z.array(z.strictObject({ day: z.iso.date(), clock: ClockName, onTime: z.number().int(), overdue: z.number().int() })),
});
export type SlaTrend = z.infer<typeof SlaTrend>;
