// What the PoE text suggests for each checklist item: mentions of each claimed product (its name
// and aliases), of the customer (name, tenant ID), dates and how old they are, acknowledgement or
// signature wording, and descriptions of the partner's work. Suggestions only: they point at a
// page; the reviewer decides. Pure, so it is tested without a browser.
import type { ChecklistKey } from '../../shared/domain/checklist.js';
import type { ProductId } from '../../shared/domain/model.js';
import { PRODUCTS } from '../../shared/domain/products.js';

export interface PageText {
  sha256: string;
  docName: string;
  page: number;
  text: string;
}

export type FindingKind = 'product' | 'customer_name' | 'tenant_id' | 'date' | 'acknowledgement' | 'solution';

export interface Finding {
  kind: FindingKind;
  /** The words as the PoE has them (what "find" looks for when the link is followed). */
  match: string;
  /** A little of the text around the match. */
  snippet: string;
  sha256: string;
  docName: string;
  page: number;
  /** For dates: the calendar date (YYYY-MM-DD) and its age in days (negative: in the future). */
  date?: string;
  ageDays?: number;
}

export interface ItemSuggestions {
  item: ChecklistKey;
  /** What was looked for, so "not found" says what was searched. */
  searched: string[];
  findings: Finding[];
  /** Findings beyond the kept ones. */
  more: number;
}

export interface SuggestionInput {
  products: readonly ProductId[];
  customerName: string;
  tenantId: string;
  /** Today, as an instant: ages of dates are counted from it. */
  now: string;
}

const MAX_FINDINGS = 12;
const SNIPPET_RADIUS = 48;

/** Wording that shows the customer acknowledged or signed (English and Czech PoEs). */
const ACKNOWLEDGEMENT_TERMS = [
  'acknowledge', 'acknowledged', 'acknowledgement', 'acknowledgment', 'signature', 'signed by', 'signed', 'sign-off', 'signoff',
  'accepted by', 'approved by', 'on behalf of', 'podpis', 'podepsáno', 'potvrzení', 'potvrzujeme', 'schválil', 'schváleno', 'za zákazníka', 'převzal',
];
/** Wording that describes the work the partner did. */
const SOLUTION_TERMS = [
  'statement of work', 'scope of work', 'implementation', 'implemented', 'deployment', 'deployed', 'migration', 'migrated', 'rollout', 'roll-out',
  'workshop', 'configured', 'configuration', 'go-live', 'services delivered', 'implementace', 'nasazení', 'migrace', 'rozsah prací', 'konfigurace', 'školení',
];
const LEGAL_SUFFIX = /[\s,]+(ltd\.?|limited|inc\.?|corp\.?|corporation|llc|gmbh|ag|plc|s\.\s?r\.\s?o\.|spol\. s r\.\s?o\.|a\.\s?s\.|b\.v\.|n\.v\.|sa|s\.a\.)$/i;

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // Czech genitive forms, as dates are written ("12. března 2025").
  ledna: 1, února: 2, března: 3, dubna: 4, května: 5, června: 6, července: 7, srpna: 8, září: 9, října: 10, listopadu: 11, prosince: 12,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] | null }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/g, parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  { re: new RegExp(`\\b(\\d{1,2})\\.?\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4})\\b`, 'giu'), parts: (m) => monthParts(m[3], m[2], m[1]) },
  { re: new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu'), parts: (m) => monthParts(m[3], m[1], m[2]) },
];

function monthParts(year: string | undefined, month: string | undefined, day: string | undefined): [number, number, number] | null {
  const m = MONTHS[(month ?? '').toLowerCase()];
  return m ? [Number(year), m, Number(day)] : null;
}

function isoDate([y, m, d]: [number, number, number]): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term as a regular expression: whole words, any run of spaces between them, any case. */
function termPattern(term: string): RegExp {
  const body = term.trim().split(/\s+/).map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

function snippet(text: string, index: number, length: number): string {
  const start = Math.max(0, index - SNIPPET_RADIUS);
  const end = Math.min(text.length, index + length + SNIPPET_RADIUS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

interface Hit {
  index: number;
  length: number;
  page: PageText;
}

/** Every match of any of the terms, longest first where they overlap ("Microsoft Teams" over "Teams"). */
function findTerms(pages: readonly PageText[], terms: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const patterns = [...new Set(terms.filter((t) => t.trim().length > 0))].map(termPattern);
  for (const page of pages) {
    const onPage: Hit[] = [];
    for (const re of patterns) for (const m of page.text.matchAll(re)) onPage.push({ index: m.index, length: m[0].length, page });
    onPage.sort((a, b) => a.index - b.index || b.length - a.length);
    let end = -1;
    for (const h of onPage) {
      if (h.index < end) continue;
      hits.push(h);
      end = h.index + h.length;
    }
  }
  return hits;
}

function toFindings(kind: FindingKind, hits: Hit[]): Finding[] {
  return hits.map(({ index, length, page }) => ({
    kind,
    match: page.text.slice(index, index + length).replace(/\s+/g, ' '),
    snippet: snippet(page.text, index, length),
    sha256: page.sha256,
    docName: page.docName,
    page: page.page,
  }));
}

function item(key: ChecklistKey, searched: string[], findings: Finding[]): ItemSuggestions {
  return { item: key, searched, findings: findings.slice(0, MAX_FINDINGS), more: Math.max(0, findings.length - MAX_FINDINGS) };
}

function findDates(pages: readonly PageText[], now: string): Finding[] {
  const today = Date.parse(now.slice(0, 10));
  const found: Finding[] = [];
  for (const page of pages) {
    // One finding per date per page: a date repeated on a page ("accepted on 9 August") says nothing more.
    const seen = new Set<number | string>();
    for (const { re, parts } of DATE_PATTERNS) {
      for (const m of page.text.matchAll(re)) {
        if (seen.has(m.index)) continue;
        const p = parts(m);
        const date = p && isoDate(p);
        if (!date || seen.has(date)) continue;
        seen.add(m.index);
        seen.add(date);
        found.push({
          kind: 'date',
          match: m[0].replace(/\s+/g, ' '),
          snippet: snippet(page.text, m.index, m[0].length),
          sha256: page.sha256,
          docName: page.docName,
          page: page.page,
          date,
          ageDays: Math.round((today - Date.parse(date)) / 86_400_000),
        });
      }
    }
  }
  // The most recent date first: it is the one that decides whether the PoE is current.
  return found.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.page - b.page);
}

export function suggest(pages: readonly PageText[], input: SuggestionInput): ItemSuggestions[] {
  const shortName = input.customerName.replace(LEGAL_SUFFIX, '').trim();
  const customerTerms = [input.customerName, ...(shortName.length >= 3 && shortName !== input.customerName ? [shortName] : [])];
  const customer = [
    ...toFindings('customer_name', findTerms(pages, customerTerms)),
    ...toFindings('tenant_id', findTerms(pages, [input.tenantId])),
  ];
  const result: ItemSuggestions[] = [
    item('poe_present', [...customerTerms, input.tenantId], customer),
    item('customer_acknowledgement', ACKNOWLEDGEMENT_TERMS, toFindings('acknowledgement', findTerms(pages, ACKNOWLEDGEMENT_TERMS))),
    item('dates', [], findDates(pages, input.now)),
    item('partner_solution', SOLUTION_TERMS, toFindings('solution', findTerms(pages, SOLUTION_TERMS))),
  ];
  for (const product of input.products) {
    const terms = [PRODUCTS[product].name, ...PRODUCTS[product].aliases];
    result.push(item(`product:${product}`, terms, toFindings('product', findTerms(pages, terms))));
  }
  return result;
}
