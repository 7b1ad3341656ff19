// The review checklist (spec: "Partner action required: the five reasons"). One item per PAR
// reason, item 5 once per claimed product. A missing item is a "missing-item flag", and the set of
// flags of a review is exactly the set of PAR reasons it sends: reasonsFromChecklist and
// checklistFromReasons are the two directions of that one mapping.
import { z } from 'zod';
import { wellFormedText } from './text.js';
import { ProductId, Sha256 } from './model.js';
import { MAX_NOTE_LENGTH } from './limits.js';

export const PAR_REASONS = [
  'poe_missing',
  'customer_acknowledgement_missing',
  'dates_missing_or_stale',
  'partner_solution_missing',
  'products_missing',
] as const;
export const ParReasonCode = z.enum(PAR_REASONS);
export type ParReasonCode = z.infer<typeof ParReasonCode>;

/** A reason sent to the partner; "products missing" names the products not evidenced. */
export const ParReason = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('poe_missing') }),
  z.strictObject({ code: z.literal('customer_acknowledgement_missing') }),
  z.strictObject({ code: z.literal('dates_missing_or_stale') }),
  z.strictObject({ code: z.literal('partner_solution_missing') }),
  z.strictObject({ code: z.literal('products_missing'), products: z.array(ProductId).min(1) }),
]);
export type ParReason = z.infer<typeof ParReason>;

/** Checklist item keys: the four claim-wide items, then `product:<id>` per claimed product. */
export const GENERAL_ITEMS = ['poe_present', 'customer_acknowledgement', 'dates', 'partner_solution'] as const;
export type GeneralItem = (typeof GENERAL_ITEMS)[number];
export type ChecklistKey = GeneralItem | `product:${ProductId}`;

const REASON_OF_ITEM: Record<GeneralItem, Exclude<ParReasonCode, 'products_missing'>> = {
  poe_present: 'poe_missing',
  customer_acknowledgement: 'customer_acknowledgement_missing',
  dates: 'dates_missing_or_stale',
  partner_solution: 'partner_solution_missing',
};
const ITEM_OF_REASON = Object.fromEntries(Object.entries(REASON_OF_ITEM).map(([item, reason]) => [reason, item])) as Record<
  Exclude<ParReasonCode, 'products_missing'>,
  GeneralItem
>;

export const ChecklistKeySchema = z.custom<ChecklistKey>(
  (v) => typeof v === 'string' && ((GENERAL_ITEMS as readonly string[]).includes(v) || (v.startsWith('product:') && ProductId.safeParse(v.slice(8)).success)),
  'a checklist item is poe_present, customer_acknowledgement, dates, partner_solution or product:<product id>',
);

/** A piece of evidence a reviewer pinned to an item: a page, and a region (0..1 of the page) or text. */
export const EvidencePin = z.strictObject({
  documentSha256: Sha256,
  page: z.number().int().positive(),
  region: z
    .strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), width: z.number().min(0).max(1), height: z.number().min(0).max(1) })
    .optional(),
  text: wellFormedText().max(MAX_NOTE_LENGTH).optional(),
});
export type EvidencePin = z.infer<typeof EvidencePin>;

export const ItemState = z.enum(['unchecked', 'passed', 'missing']);
export type ItemState = z.infer<typeof ItemState>;

export const ChecklistItem = z.strictObject({
  state: ItemState,
  note: wellFormedText().max(MAX_NOTE_LENGTH).optional(),
  evidence: z.array(EvidencePin).max(50).default([]),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z.partialRecord(ChecklistKeySchema, ChecklistItem);
export type Checklist = Partial<Record<ChecklistKey, ChecklistItem>>;

export function checklistKeys(products: readonly ProductId[]): ChecklistKey[] {
  return [...GENERAL_ITEMS, ...products.map((p) => `product:${p}` as const)];
}

/** A fresh checklist for these products: every item unchecked. */
export function emptyChecklist(products: readonly ProductId[]): Checklist {
  return Object.fromEntries(checklistKeys(products).map((k) => [k, { state: 'unchecked', evidence: [] }])) as Checklist;
}

/**
 * The checklist for a claim's current products: items of products no longer claimed are dropped,
 * items of newly claimed products start unchecked, everything else is kept.
 */
export function alignChecklist(checklist: Checklist, products: readonly ProductId[]): Checklist {
  return Object.fromEntries(checklistKeys(products).map((k) => [k, checklist[k] ?? { state: 'unchecked', evidence: [] }])) as Checklist;
}

/** Items not (yet) marked passed: unchecked or flagged missing. Approval needs none (spec, our rule). */
export function notPassedKeys(checklist: Checklist): ChecklistKey[] {
  return (Object.keys(checklist) as ChecklistKey[]).filter((k) => checklist[k]?.state !== 'passed');
}

export function missingKeys(checklist: Checklist): ChecklistKey[] {
  return (Object.keys(checklist) as ChecklistKey[]).filter((k) => checklist[k]?.state === 'missing');
}

/** The PAR reasons a checklist sends, in the spec's order; products in claim order. */
export function reasonsFromChecklist(checklist: Checklist): ParReason[] {
  const missing = new Set(missingKeys(checklist));
  const reasons: ParReason[] = [];
  for (const item of GENERAL_ITEMS) if (missing.has(item)) reasons.push({ code: REASON_OF_ITEM[item] } as ParReason);
  const products = [...missing].filter((k) => k.startsWith('product:')).map((k) => k.slice(8) as ProductId);
  if (products.length > 0) reasons.push({ code: 'products_missing', products });
  return reasons;
}

/** The flags (missing items) that exactly these reasons stand for, over a checklist for `products`. */
export function checklistFromReasons(reasons: readonly ParReason[], products: readonly ProductId[]): Checklist {
  const checklist = emptyChecklist(products);
  for (const reason of reasons) {
    const keys: ChecklistKey[] = reason.code === 'products_missing' ? reason.products.map((p) => `product:${p}` as const) : [ITEM_OF_REASON[reason.code]];
    for (const key of keys) checklist[key] = { state: 'missing', evidence: [] };
  }
  return checklist;
}
