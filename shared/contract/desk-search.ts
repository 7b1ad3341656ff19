// The desk's reach beyond its scope (issue 17): a read-only, paged search over every claim a desk
// user may see (all but drafts), for the queue's "Everyone" view, and one such claim opened on
// demand. Online only; the service validates with these and documents its OpenAPI from them, and
// the engine parses the answers with them.
import { z } from 'zod';
import { ClockName } from '../domain/clocks.js';
import { ClaimStatus, Instant, PartnerId, ProductId } from '../domain/model.js';
import { wellFormedText } from '../domain/text.js';

/** One claim as a list shows it: light enough to page through thousands. */
export const ClaimSearchRow = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  customerName: z.string(),
  products: z.array(ProductId),
  status: ClaimStatus,
  assignee: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  /** The running clock that is due first, which the SLA column reads. */
  nextDeadline: z.strictObject({ clock: ClockName, dueAt: Instant, overdue: z.boolean() }).nullable(),
});
export type ClaimSearchRow = z.infer<typeof ClaimSearchRow>;

export const ClaimSearchQuery = z.strictObject({
  /** Words, each matched as the start of a word of the claim's number, partner ID or name, customer name or tenant ID. */
  search: wellFormedText().max(200).optional(),
  statuses: z.array(ClaimStatus).max(10).optional(),
  partnerId: PartnerId.optional(),
  product: ProductId.optional(),
  /** By claim number. */
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().nonnegative().max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ClaimSearchQuery = z.input<typeof ClaimSearchQuery>;

export const ClaimSearchPage = z.strictObject({
  total: z.number().int().nonnegative(),
  rows: z.array(ClaimSearchRow),
});
export type ClaimSearchPage = z.infer<typeof ClaimSearchPage>;
