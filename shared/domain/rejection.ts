// Rejection reasons (spec: "Rejection reasons") and which of them a dispute may contest.
import { z } from 'zod';

export const REJECTION_REASONS = [
  'partner_request',
  'customer_opt_out',
  'insufficient_poe',
  'missing_customer_consent',
  'missing_products',
  'no_partner_response',
  'poe_not_available',
] as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** The reasons a reviewer chooses; the others come from the partner, the customer or the timer. */
export const REVIEWER_REJECTION_REASONS = ['insufficient_poe', 'missing_customer_consent', 'missing_products', 'poe_not_available'] as const;
export const ReviewerRejectionReason = z.enum(REVIEWER_REJECTION_REASONS);

/** (our rule) The partner or the customer chose these, so there is nothing to dispute. */
export const UNDISPUTABLE_REASONS: readonly RejectionReason[] = ['partner_request', 'customer_opt_out'];

/** Why a partner asks for its own claim to be rejected (spec: "Partner request"). */
export const PARTNER_REQUEST_GROUNDS = ['wrong_partner_id', 'wrong_activity', 'no_longer_works_with_customer', 'other'] as const;
export const PartnerRequestGround = z.enum(PARTNER_REQUEST_GROUNDS);
