// The checklist's suggestions: what the PoE text says about each item, with its page.
import { describe, expect, it } from 'vitest';
import { suggest, type PageText } from '../../../renderer/checklist/suggestions.js';

const TENANT = '7c0a8f4e-2b1d-4f3a-9e6c-5d8b1a2c3e4f';
const page = (n: number, text: string, sha = 'a'.repeat(64)): PageText => ({ sha256: sha, docName: 'poe.pdf', page: n, text });
const input = { products: ['d365-sales', 'power-bi'] as const, customerName: 'Contoso Ltd', tenantId: TENANT, now: '2026-11-26T12:00:00.000Z' };
const byItem = (pages: PageText[]) => new Map(suggest(pages, { ...input, products: [...input.products] }).map((s) => [s.item, s]));

describe('suggest', () => {
  it('finds a product by its name or an alias, across line breaks, with the page', () => {
    const s = byItem([page(1, 'Intro'), page(3, 'We deployed D365\nSales for the field team and Dynamics 365 Sales dashboards.')]);
    const sales = s.get('product:d365-sales')!;
    expect(sales.findings.map((f) => [f.page, f.match])).toEqual([
      [3, 'D365 Sales'],
      [3, 'Dynamics 365 Sales'],
    ]);
    expect(sales.findings[0]!.snippet).toContain('We deployed D365');
  });

  it('reports what it searched for when a product is not in the text', () => {
    const s = byItem([page(1, 'Dynamics 365 Sales only')]);
    expect(s.get('product:power-bi')!.findings).toEqual([]);
    expect(s.get('product:power-bi')!.searched).toEqual(['Power BI', 'PowerBI', 'Power BI Pro']);
  });

  it('prefers the longer of overlapping names and never matches inside a word', () => {
    const s = byItem([page(2, 'Power BI Pro licences; PowerBIX is not a product')]);
    expect(s.get('product:power-bi')!.findings.map((f) => f.match)).toEqual(['Power BI Pro']);
  });

  it('finds the customer by full and short name and by tenant ID, for "PoE present"', () => {
    const s = byItem([page(1, `Customer: CONTOSO LTD\nTenant ${TENANT.toUpperCase()}`), page(2, 'Contoso signed off the rollout')]);
    const kinds = s.get('poe_present')!.findings.map((f) => [f.kind, f.page]);
    expect(kinds).toEqual([
      ['customer_name', 1],
      ['customer_name', 2],
      ['tenant_id', 1],
    ]);
  });

  it('reads dates in ISO, Czech and English forms, newest first, with their age in days', () => {
    const s = byItem([page(1, 'Signed 2026-03-02. Kick-off 12. března 2025, review 5.10.2026 and on November 20, 2026; not a date: 2026-02-30.')]);
    const dates = s.get('dates')!.findings.map((f) => [f.date, f.ageDays]);
    expect(dates).toEqual([
      ['2026-11-20', 6],
      ['2026-10-05', 52],
      ['2026-03-02', 269],
      ['2025-03-12', 624],
    ]);
  });

  it('lists a date repeated on one page once', () => {
    const s = byItem([page(1, 'Accepted on 9 August 2026. Accepted on 9 August 2026.'), page(2, 'Issued 2026-08-09')]);
    expect(s.get('dates')!.findings.map((f) => [f.page, f.date])).toEqual([
      [1, '2026-08-09'],
      [2, '2026-08-09'],
    ]);
  });

  it('shows acknowledgement and signature wording in English and Czech', () => {
    const s = byItem([page(4, 'Customer acknowledgement: signed by Jana Nováková'), page(5, 'Podpis zákazníka')]);
    expect(s.get('customer_acknowledgement')!.findings.map((f) => [f.page, f.match.toLowerCase()])).toEqual([
      [4, 'acknowledgement'],
      [4, 'signed by'],
      [5, 'podpis'],
    ]);
  });

  it('keeps at most twelve findings per item and counts the rest', () => {
    const s = byItem([page(1, 'Power BI '.repeat(20))]);
    expect(s.get('product:power-bi')!.findings).toHaveLength(12);
    expect(s.get('product:power-bi')!.more).toBe(8);
  });

  it('has one entry per checklist item, products in claim order', () => {
    expect(suggest([], { ...input, products: ['power-bi', 'd365-sales'] }).map((s) => s.item)).toEqual([
      'poe_present',
      'customer_acknowledgement',
      'dates',
      'partner_solution',
      'product:power-bi',
      'product:d365-sales',
    ]);
  });
});
