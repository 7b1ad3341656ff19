// What people write in the demo's comments: reviewers asking for what is missing, partners
// answering, disputes and their resolutions, a lead's reasons. Short, specific, in the desk's tone.
import type { ParReason } from '../../shared/domain/checklist.js';
import type { PARTNER_REQUEST_GROUNDS, RejectionReason } from '../../shared/domain/rejection.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import type { Random } from './random.js';

function parAsk(reason: ParReason): string {
  switch (reason.code) {
    case 'poe_missing':
      return 'The uploaded file is not a proof of execution for this customer (or we cannot open it). Please upload the PoE itself, as a PDF without a password.';
    case 'customer_acknowledgement_missing':
      return 'The customer acknowledgement is not signed. Please upload a copy signed by the customer.';
    case 'dates_missing_or_stale':
      return 'The document carries no dates, or dates more than 12 months old. Please provide a PoE showing when the work took place and when the customer signed it.';
    case 'partner_solution_missing':
      return 'The document does not describe the work you delivered. Please add what was done: workshops, deployment, migration, adoption, with scope and numbers.';
    case 'products_missing':
      return `The PoE does not show ${reason.products.map((p) => PRODUCTS[p].name).join(', ')}. Please upload evidence for it, or remove it from the claim.`;
  }
}

export function parComment(reasons: readonly ParReason[], random: Random): string {
  const opening = random.pick(['Thank you for the claim.', 'Thanks, I have reviewed the documents.', 'Before I can approve this claim:', 'Review done, a few things are missing.']);
  return [opening, ...reasons.map(parAsk)].join(' ');
}

export function parItemNote(code: ParReason['code']): string {
  switch (code) {
    case 'poe_missing':
      return 'Uploaded file is not a PoE for this claim.';
    case 'customer_acknowledgement_missing':
      return 'Signature line for the customer is empty.';
    case 'dates_missing_or_stale':
      return 'No usable dates in the document.';
    case 'partner_solution_missing':
      return 'One sentence, no description of the work.';
    case 'products_missing':
      return 'Product not mentioned anywhere in the PoE.';
  }
}

export function partnerResponse(reasons: readonly ParReason[], customerContact: string, random: Random): string {
  const parts = reasons.map((r) => {
    switch (r.code) {
      case 'poe_missing':
        return 'Sorry, wrong file. The correct PoE is uploaded now.';
      case 'customer_acknowledgement_missing':
        return `${customerContact} has signed the acknowledgement; the signed copy is attached.`;
      case 'dates_missing_or_stale':
        return 'We uploaded the current PoE with the engagement period and the sign-off date.';
      case 'partner_solution_missing':
        return 'The new document describes the workshops, the deployment and the adoption work in detail.';
      case 'products_missing':
        return random.chance(0.5) ? 'The updated PoE covers all claimed products.' : 'We removed the product we cannot evidence from the claim.';
    }
  });
  return [...new Set(parts)].join(' ') + ' ' + random.pick(['Thank you.', 'Please have another look.', 'Thanks for your patience.']);
}

const REJECTION_COMMENTS: Record<'insufficient_poe' | 'missing_customer_consent' | 'missing_products' | 'poe_not_available', readonly string[]> = {
  insufficient_poe: [
    'The PoE does not show what the partner delivered; a one-line statement is not sufficient proof of execution.',
    'The documents do not evidence the partner’s work for this customer.',
  ],
  missing_customer_consent: ['There is no customer signature on the acknowledgement, so the customer has not confirmed the association.'],
  missing_products: ['None of the documents shows the claimed product being deployed or used by the customer.'],
  poe_not_available: ['The only document is password-protected and no readable copy was provided.', 'The uploaded file is an unrelated invoice; no proof of execution is available.'],
};

export function rejectionComment(reason: keyof typeof REJECTION_COMMENTS, random: Random): string {
  return random.pick(REJECTION_COMMENTS[reason]);
}

export function disputeJustification(reason: RejectionReason, random: Random): string {
  const byReason: Partial<Record<RejectionReason, string>> = {
    insufficient_poe: 'The attached statement of work completion describes the full scope we delivered. We believe the claim meets the requirements.',
    missing_customer_consent: 'The customer signed the acknowledgement after the review; the signed copy is attached.',
    missing_products: 'The attached PoE covers every claimed product, including the deployment of the one the reviewer could not find.',
    poe_not_available: 'We attached the PoE without a password. The earlier upload was our mistake.',
    no_partner_response: 'Our contact was on leave and the request was missed. The requested documents are attached now.',
  };
  return byReason[reason] ?? random.pick(['We disagree with the decision, see the attached evidence.', 'Please reconsider: the customer confirms our involvement.']);
}

export function resolutionComment(outcome: 'upheld' | 'overturned', random: Random): string {
  return outcome === 'upheld'
    ? random.pick(['The new document does not change the assessment: the work described predates the claim period.', 'Dispute reviewed; the evidence is still insufficient. The rejection stands.'])
    : random.pick(['The dispute evidence is complete and signed. Overturned, the claim is approved.', 'With the attached PoE the claim is fully evidenced. Overturning the rejection.']);
}

export const REOPEN_JUSTIFICATIONS = [
  'Quality check: the decision did not account for the second document. Reopening for a fresh review.',
  'The customer contacted us directly and confirmed the partner’s work. Reopening.',
];

export const PARTNER_REQUEST_COMMENTS: Record<(typeof PARTNER_REQUEST_GROUNDS)[number], string> = {
  wrong_partner_id: 'Filed under the wrong partner ID; we will file again under our regional ID.',
  wrong_activity: 'Wrong activity selected; this was technical deployment, not pre-sales.',
  no_longer_works_with_customer: 'The customer moved to another partner before go-live.',
  other: 'Duplicate of another claim for the same customer.',
};

export const OPT_OUT_COMMENTS = [
  'We do not want this partner associated with our tenant for these products.',
  'This partner did not work on this project for us.',
];

export const PARTNER_NUDGES = ['Could you give us an update on this claim, please?', 'Is anything else needed from our side?', 'Just checking the status of this claim.'];
export const REVIEWER_NOTES = ['Going through the documents now.', 'Long document; I will finish the review tomorrow.', 'Checking the tenant ID in the documents against the claim.'];

/** A lead upholding the first decision after a QA disagreement. */
export const QA_UPHOLD_JUSTIFICATIONS = [
  'The acknowledgement is on the last page; the first decision stands.',
  'Both readings are defensible; the first decision stands and the checklist note explains it.',
  'The dates are within the engagement period; upheld.',
  'Discussed with both reviewers: the evidence is sufficient as first decided.',
];
