// Sends a customer the link with which they may decline an approved association.
import type { Claim } from '../../shared/domain/claim.js';
import type { Deps } from '../deps.js';

export async function sendOptOutLink(deps: Pick<Deps, 'mailer' | 'publicUrl'>, claim: Claim, optOut: { token: string; expiresAt: string }): Promise<void> {
  const link = `${deps.publicUrl.replace(/\/$/, '')}/customer/opt-out/${optOut.token}`;
  await deps.mailer.send({
    to: claim.customerContact.email,
    subject: `${claim.partnerName} is now associated with ${claim.customer.name} (${claim.number})`,
    text:
      `Microsoft has approved ${claim.partnerName} (partner ID ${claim.partnerId}) as the partner of record for ${claim.customer.name}.\n` +
      `If you do not agree, decline the association before ${optOut.expiresAt}: ${link}\n` +
      'The link works once. If you agree, there is nothing to do.',
  });
}
