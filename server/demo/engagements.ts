// The work the claims are about: which partner served which customer, on which products, when,
// and who signed. Claims cite documents of their engagement, so the customer, tenant, partner and
// products in a PDF always match the claims that use it.
import { DateTime } from 'luxon';
import type { Instant, ProductId } from '../../shared/domain/model.js';
import { CUSTOMER_PEOPLE, CUSTOMERS, type PartnerProfile, PARTNERS, type Person } from './cast.js';
import type { PoeKind } from './pdf/poe.js';
import type { Random } from './random.js';

export interface Period {
  start: string;
  end: string;
}

export interface Engagement {
  key: string;
  partner: PartnerProfile;
  customer: { name: string; domain: string; city: string; tenantId: string; subscriptionIds: string[] };
  customerContact: Person;
  partnerContact: Person;
  products: ProductId[];
  /** The style of the partner's main document for this customer. */
  kind: PoeKind;
  period: Period;
  signedOn: string;
  /** An older engagement with the same customer: what a "stale dates" document shows. */
  stalePeriod: Period;
  staleSignedOn: string;
  /** Running number in the partner's document references. */
  serial: number;
  seed: number;
}

const KINDS: readonly PoeKind[] = ['poe', 'poe', 'poe', 'sow_completion', 'sow_completion', 'acknowledgement'];

/**
 * `perPartner` engagements for each partner. Work ended 80 to 220 days before `now` and was signed
 * off days later, so every document predates every claim (claims go back about two months).
 */
export function buildEngagements(random: Random, now: Instant, perPartner: number): Engagement[] {
  const today = DateTime.fromISO(now, { zone: 'utc' }).startOf('day');
  const iso = (d: DateTime) => d.toISODate()!;
  const engagements: Engagement[] = [];
  for (const partner of PARTNERS) {
    const r = random.fork(`engagements:${partner.id}`);
    for (const customer of r.sample(CUSTOMERS, perPartner)) {
      const end = today.minus({ days: r.int(80, 220) });
      const staleEnd = today.minus({ months: r.int(14, 22), days: r.int(0, 27) });
      const given = r.pick(CUSTOMER_PEOPLE.given);
      const family = r.pick(CUSTOMER_PEOPLE.family);
      engagements.push({
        key: `${partner.id}:${customer.domain}`,
        partner,
        customer: { ...customer, tenantId: r.uuid(), subscriptionIds: Array.from({ length: r.int(0, 2) }, () => r.uuid()) },
        customerContact: {
          name: `${given} ${family}`,
          title: r.pick(CUSTOMER_PEOPLE.titles),
          email: `${given}.${family}@${customer.domain}`.toLowerCase(),
          phone: `+${r.int(30, 49)} ${r.int(100, 999)} ${r.int(100, 999)} ${r.int(100, 999)}`,
        },
        partnerContact: r.pick(partner.staff),
        products: r.sample(partner.products, partner.products.length > 3 && r.chance(0.3) ? 3 : 2),
        kind: r.pick(KINDS),
        period: { start: iso(end.minus({ days: r.int(40, 120) })), end: iso(end) },
        signedOn: iso(end.plus({ days: r.int(2, 9) })),
        stalePeriod: { start: iso(staleEnd.minus({ days: r.int(40, 120) })), end: iso(staleEnd) },
        staleSignedOn: iso(staleEnd.plus({ days: r.int(2, 9) })),
        serial: r.int(100, 9899),
        seed: r.uint32(),
      });
    }
  }
  return engagements;
}
