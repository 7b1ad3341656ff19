// Proof-of-execution documents as partners send them: "Proof of Execution", "Statement of Work
// completion" or a one-page "Customer acknowledgement", on the partner's letterhead, with the
// customer, its tenant, the products, the dates, the work done and a signed acknowledgement.
// The spec's switches produce the defects reviewers must catch: no customer signature, stale or no
// dates, a product left out (simply: not in `products`), and a thin description of the work.
import { PDFDocument } from 'pdf-lib';
import type { ProductId } from '../../../shared/domain/model.js';
import type { PartnerProfile, Person } from '../cast.js';
import { Random } from '../random.js';
import { Flow, lineHeightOf } from './flow.js';
import { drawFooter, drawLetterhead, drawRunningHeader, type Letterhead, LETTER_MARGINS } from './letterhead.js';
import { outcomes, productList, summary, thinWork, workPerformed, type Story } from './narrative.js';
import { signatureStrokes } from './signature.js';
import { INK, MUTED, PEN, RULE, type Surface } from './surface.js';
import { embedFonts, VectorSurface } from './vector.js';

export type PoeKind = 'poe' | 'sow_completion' | 'acknowledgement';

export const POE_TITLES: Record<PoeKind, string> = {
  poe: 'Proof of Execution',
  sow_completion: 'Statement of Work completion',
  acknowledgement: 'Customer acknowledgement',
};

export interface PoeSpec {
  kind: PoeKind;
  partner: PartnerProfile;
  customer: { name: string; tenantId: string; city: string };
  customerSignatory: Pick<Person, 'name' | 'title'>;
  partnerSignatory: Pick<Person, 'name' | 'title'>;
  /** The products the document evidences (a claim may name more: that is the "missing product" defect). */
  products: readonly ProductId[];
  /** Engagement period as ISO dates; null for a document that carries no dates at all. */
  period: { start: string; end: string } | null;
  /** When the customer signed (ISO date); null leaves the date line blank. */
  signedOn: string | null;
  /** false: the acknowledgement is printed but the customer never signed it. */
  customerSigned: boolean;
  /** 'thin': a sentence instead of a description of the work. */
  detail: 'full' | 'thin';
  reference: string;
  /** When the partner produced the file (ISO instant): its PDF metadata dates. */
  producedAt: string;
  /** Varies numbers, wording and signatures between documents. */
  seed: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function renderPoe(spec: PoeSpec): Promise<Uint8Array> {
  return renderLetter(
    { letterhead: spec.partner, title: POE_TITLES[spec.kind], reference: spec.reference, subject: spec.customer.name, producedAt: spec.producedAt },
    (flow) => composePoe(flow, spec),
  );
}

export interface LetterInfo {
  letterhead: Letterhead;
  title: string;
  reference: string;
  /** Whom the document is about (PDF metadata). */
  subject: string;
  /** When the file was produced (ISO instant): its PDF metadata dates. */
  producedAt: string;
}

/**
 * A vector document on a letterhead: `body` lays out the content on a Flow (and may add pages of
 * its own); running headers, "Page n of N" footers and metadata are added around it.
 */
export async function renderLetter(info: LetterInfo, body: (flow: Flow, doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  let pageCount = 0;
  const flow = new Flow(() => {
    const surface = new VectorSurface(doc, fonts);
    if (pageCount++ === 0) drawLetterhead(surface, info.letterhead);
    else drawRunningHeader(surface, info.letterhead, info.title);
    return surface;
  }, LETTER_MARGINS);
  body(flow, doc);
  flow.pages.forEach((page, i) => drawFooter(page, info.letterhead, info.reference, i + 1, flow.pages.length));
  setMetadata(doc, info);
  return doc.save({ objectsPerTick: Infinity });
}

export function setMetadata(doc: PDFDocument, info: LetterInfo): void {
  doc.setTitle(`${info.title} - ${info.subject}`);
  doc.setAuthor(info.letterhead.legalName);
  doc.setSubject(`${info.title} for ${info.subject}`);
  doc.setCreator('PoE Desk demo data');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(new Date(info.producedAt));
  doc.setModificationDate(new Date(info.producedAt));
}

/** Lays the whole document out on `flow` (vector pages, or the raster page of a scan). */
export function composePoe(flow: Flow, spec: PoeSpec): void {
  const random = new Random(spec.seed);
  const story: Story = { partner: spec.partner.name, customer: spec.customer.name, random };
  titleBlock(flow, spec);
  flow.facts(factRows(spec));

  // Numbered sections, except on the one-page acknowledgement.
  let section = 0;
  const heading = (text: string) => flow.heading(spec.kind === 'acknowledgement' ? text : `${++section}   ${text}`);

  if (spec.kind === 'acknowledgement') {
    heading('Services delivered');
    flow.paragraph(spec.detail === 'full' ? summary(story, spec.products) : thinWork(story)[0]!);
  } else {
    if (spec.kind === 'sow_completion') {
      heading('Scope of the statement of work');
      flow.paragraph(
        `The statement of work referenced above engaged ${spec.partner.legalName} to deliver ${productList(spec.products)} for ${spec.customer.name}. All deliverables listed below were completed and accepted by the customer.`,
      );
      heading('Deliverables');
      flow.facts(deliverables(spec), 230);
    } else {
      heading('Engagement summary');
      flow.paragraph(spec.detail === 'full' ? summary(story, spec.products) : `${spec.partner.name} worked with ${spec.customer.name} on ${productList(spec.products)}.`);
    }
    heading('Work performed');
    for (const p of spec.detail === 'full' ? workPerformed(story, spec.products) : thinWork(story)) flow.paragraph(p);
    if (spec.detail === 'full') {
      heading('Outcomes at sign-off');
      flow.bullets(outcomes(story, spec.products));
    }
  }
  heading(spec.kind === 'sow_completion' ? 'Acceptance' : 'Customer acknowledgement');
  flow.paragraph(acknowledgement(spec));
  signatureBlock(flow, spec, random);
}

function titleBlock(flow: Flow, spec: PoeSpec): void {
  const s = flow.surface;
  flow.space(4);
  s.text('PARTNER OF RECORD EVIDENCE  |  MICROSOFT PARTNER CENTER', flow.left, flow.y - 8, 'smallBold', spec.partner.brand);
  flow.space(12 + 19);
  s.text(POE_TITLES[spec.kind], flow.left, flow.y, 'title');
  const ref = `Ref. ${spec.reference}`;
  s.text(ref, flow.right - s.widthOf(ref, 'small'), flow.y + 10, 'small', MUTED);
  if (spec.signedOn) {
    const issued = `Issued ${longDate(spec.signedOn)}`;
    s.text(issued, flow.right - s.widthOf(issued, 'small'), flow.y, 'small', MUTED);
  }
  flow.space(16);
}

function factRows(spec: PoeSpec): [string, string][] {
  const rows: [string, string][] = [
    ['Customer', `${spec.customer.name}, ${spec.customer.city}`],
    ['Customer tenant ID', spec.customer.tenantId],
    ['Partner', `${spec.partner.legalName} (Partner ID ${spec.partner.id})`],
    ['Products and workloads', productList(spec.products)],
  ];
  if (spec.period) rows.push(['Engagement period', `${longDate(spec.period.start)} to ${longDate(spec.period.end)}`]);
  rows.push(['Customer sponsor', `${spec.customerSignatory.name}, ${spec.customerSignatory.title}`]);
  rows.push(['Partner lead', `${spec.partnerSignatory.name}, ${spec.partnerSignatory.title}`]);
  if (spec.kind === 'sow_completion') rows.push(['Statement of work', spec.reference.replace(/-(PoE|ACK|SOW)-/, '-SOW-')]);
  return rows;
}

function deliverables(spec: PoeSpec): [string, string][] {
  const accepted = spec.period ? `Accepted on ${longDate(spec.period.end)}` : 'Accepted';
  return [
    ['D1  Discovery workshop and solution design', spec.period ? `Accepted on ${longDate(spec.period.start)}` : 'Accepted'],
    ...spec.products.map((p, i): [string, string] => [`D${i + 2}  ${productList([p])} deployment`, accepted]),
    [`D${spec.products.length + 2}  Training, handover and hypercare`, accepted],
  ];
}

function acknowledgement(spec: PoeSpec): string {
  const when = spec.period ? ` between ${longDate(spec.period.start)} and ${longDate(spec.period.end)}` : '';
  return `I confirm that ${spec.partner.legalName} delivered the services described in this document to ${spec.customer.name}${when}, and that ${spec.partner.name} advised us on the purchase and deployment of ${productList(spec.products)}. ${spec.customer.name} agrees that ${spec.partner.name} (Partner ID ${spec.partner.id}) is recorded as its partner of record for these workloads in Microsoft Partner Center.`;
}

/** Customer on the left, partner on the right: a signature, a line, name, title and date. */
function signatureBlock(flow: Flow, spec: PoeSpec, random: Random): void {
  const height = 40 + 4 * lineHeightOf('body') + 14;
  flow.need(height);
  flow.space(8);
  const gap = 28;
  const columnWidth = (flow.width - gap) / 2;
  const top = flow.y;
  const sides = [
    { x: flow.left, heading: `For ${spec.customer.name} (customer)`, who: spec.customerSignatory, signed: spec.customerSigned },
    { x: flow.left + columnWidth + gap, heading: `For ${spec.partner.legalName} (partner)`, who: spec.partnerSignatory, signed: true },
  ];
  for (const side of sides) {
    const s: Surface = flow.surface;
    s.text(side.heading, side.x, top - 8, 'smallBold', MUTED);
    const lineY = top - 52;
    if (side.signed) {
      for (const stroke of signatureStrokes(random, side.x + 8, lineY - 4, (columnWidth * random.int(50, 75)) / 100, 40)) s.ink(stroke, 1.1, PEN);
    }
    s.line([side.x, lineY], [side.x + columnWidth, lineY], 0.7, RULE);
    const date = side.signed && spec.signedOn ? longDate(spec.signedOn) : '';
    const rows: [string, string][] = [
      ['Name', side.who.name],
      ['Title', side.who.title],
      ['Date', date],
    ];
    rows.forEach(([label, value], i) => {
      const y = lineY - 14 - i * lineHeightOf('body');
      s.text(`${label}:`, side.x, y, 'small', MUTED);
      if (value) s.text(value, side.x + 32, y, 'body', INK);
      else s.line([side.x + 32, y - 1], [side.x + columnWidth * 0.7, y - 1], 0.5, RULE);
    });
  }
  flow.y = top - height;
}
