// What a list shows of a claim without its history: the desk's queue summaries (engine) and the
// "Everyone" search rows (service) start from the same fields, read the same way.
import type { Claim } from './claim.js';

export function claimHeadline(claim: Omit<Claim, 'history'>) {
  return {
    id: claim.id,
    number: claim.number,
    partnerId: claim.partnerId,
    partnerName: claim.partnerName,
    customerName: claim.customer.name,
    products: claim.products,
    status: claim.status,
    assignee: claim.assignee ? { id: claim.assignee.id, name: claim.assignee.name } : null,
  };
}
