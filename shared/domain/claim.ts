// A claim as the domain holds it: fields, status, clocks, review state, rejection, dispute,
// comments and history. `version` counts applied actions; sync uses it as the base a decision saw.
import { z } from 'zod';
import { wellFormedText } from './text.js';
import { Checklist, ParReason } from './checklist.js';
import { ClockName, ClockState } from './clocks.js';
import { Activity, ActorRef, Assignee, ClaimStatus, Comment, Contact, Customer, Instant, PartnerId, PoeDocument, ProductId, Sha256 } from './model.js';
import { QaTask } from './qa.js';
import { PartnerRequestGround, RejectionReason } from './rejection.js';

export const ClaimNumber = z.string().regex(/^CL-\d{4}-\d{5}$/, 'a claim number looks like CL-2026-00412');

export const Products = z
  .array(ProductId)
  .min(1, 'a claim names at least one product or workload')
  .max(20)
  .refine((ps) => new Set(ps).size === ps.length, 'each product is claimed once');


export const Rejection = z.strictObject({
  reason: RejectionReason,
  at: Instant,
  comment: wellFormedText().optional(),
  ground: PartnerRequestGround.optional(),
});
export type Rejection = z.infer<typeof Rejection>;

export const Dispute = z.strictObject({
  filedAt: Instant,
  justification: wellFormedText().optional(),
  documentSha256s: z.array(Sha256).default([]),
  resolution: z.strictObject({ outcome: z.enum(['upheld', 'overturned']), at: Instant, comment: wellFormedText() }).optional(),
});
export type Dispute = z.infer<typeof Dispute>;

export const HistoryEntry = z.strictObject({
  /** The claim version this entry produced (1 for creation). */
  version: z.number().int().positive(),
  /** When the authority applied it (for an offline decision: when it arrived). */
  at: Instant,
  /** When the actor made the decision, if earlier (offline work). */
  decidedAt: Instant.optional(),
  actor: ActorRef,
  action: z.string(),
  from: ClaimStatus.nullable(),
  to: ClaimStatus,
  details: z.record(z.string(), z.unknown()).default({}),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Claim = z.strictObject({
  id: z.uuid(),
  number: ClaimNumber,
  version: z.number().int().positive(),
  createdAt: Instant,
  updatedAt: Instant,
  partnerId: PartnerId,
  partnerName: z.string().min(1),
  activity: Activity,
  customer: Customer,
  products: Products,
  customerContact: Contact,
  partnerContact: Contact,
  documents: z.array(PoeDocument),
  assignee: Assignee.nullable(),
  status: ClaimStatus,
  clocks: z.partialRecord(ClockName, ClockState),
  flags: z.strictObject({
    /** Set when the consent window closed: the claim went on to incentive-eligibility evaluation. */
    sentToIncentiveEvaluationAt: Instant.optional(),
  }),
  submittedAt: Instant.optional(),
  review: z.strictObject({
    checklist: Checklist,
    /** The reasons of the last partner-action request, shown to the partner. */
    parReasons: z.array(ParReason),
  }),
  rejection: Rejection.nullable(),
  dispute: Dispute.nullable(),
  comments: z.array(Comment),
  /** QA second review tasks on the claim's decisions (qa.ts); never change its status by themselves. */
  qa: z.array(QaTask).default([]),
  history: z.array(HistoryEntry),
});
export type Claim = z.infer<typeof Claim>;

/** The fields a partner supplies when creating a claim (spec: "What a claim is"). */
export const NewClaim = z.strictObject({
  id: z.uuid(),
  number: ClaimNumber,
  partnerId: PartnerId,
  partnerName: wellFormedText().trim().min(1).max(200),
  activity: Activity,
  customer: Customer,
  products: Products,
  customerContact: Contact,
  partnerContact: Contact,
});
export type NewClaim = z.input<typeof NewClaim>;

/** spec "Editing": what a partner may change after creation. Everything else is fixed. */
export const EDITABLE_FIELDS = ['partnerId', 'products', 'customerContact', 'partnerContact'] as const;
export const EDITABLE_STATUSES: readonly ClaimStatus[] = ['submitted', 'partner_action_required'];
/** Additional PoE may be uploaded while editing is allowed, and before submission. */
export const UPLOAD_STATUSES: readonly ClaimStatus[] = ['draft', 'submitted', 'partner_action_required'];
