// The demo's PDF files: generated on first use, once per distinct document, and shared by every
// claim that cites it (one engagement's PoE backs several claims). Each file is inspected with the
// same inspectPdf uploads go through, so the metadata a claim records is what the bytes say.
import { DateTime } from 'luxon';
import type { Instant, ProductId } from '../../shared/domain/model.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { inspectPdf } from '../documents/inspect.js';
import type { PartnerProfile } from './cast.js';
import type { Engagement } from './engagements.js';
import { renderInvoice } from './pdf/invoice.js';
import { type PoeKind, type PoeSpec, renderPoe } from './pdf/poe.js';
import { protectWithPassword } from './pdf/protect.js';
import { renderScannedPage } from './pdf/scan.js';
import { renderWorkbook } from './pdf/workbook.js';
import { Random } from './random.js';

/** Which document of an engagement: its main PoE, or one with the defects reviewers must catch. */
export type DocVariant =
  | { kind: 'good' }
  /** A separate one-page customer acknowledgement, signed (what partners upload after a PAR). */
  | { kind: 'acknowledgement' }
  | { kind: 'defect'; unsigned?: true; dates?: 'stale' | 'none'; omit?: ProductId; thin?: true }
  /** An office-furniture invoice addressed to the partner: the wrong file. */
  | { kind: 'invoice' }
  /** The acknowledgement printed, signed by hand and scanned: one image, no text. */
  | { kind: 'scan' }
  /** The PoE with a 297-page rollout log behind it. */
  | { kind: 'workbook' }
  /** The PoE behind an open password nobody shared. */
  | { kind: 'protected' };

export interface DemoFile {
  name: string;
  sha256: string;
  size: number;
  pages: number | null;
  encrypted: boolean;
}

export class DocumentLibrary {
  /** Every generated file by SHA-256. */
  readonly blobs = new Map<string, Uint8Array>();
  private readonly files = new Map<string, Promise<DemoFile>>();

  constructor(
    private readonly now: Instant,
    private readonly random: Random,
  ) {}

  file(engagement: Engagement, variant: DocVariant): Promise<DemoFile> {
    // The invoice is the partner's, whatever claim it ends up on.
    const key = variant.kind === 'invoice' ? `invoice:${engagement.partner.id}` : `${engagement.key}:${JSON.stringify(variant)}`;
    let file = this.files.get(key);
    if (!file) {
      file = this.generate(engagement, variant, this.random.fork(key));
      this.files.set(key, file);
    }
    return file;
  }

  private async generate(e: Engagement, variant: DocVariant, random: Random): Promise<DemoFile> {
    const { name, bytes } = await this.render(e, variant, random);
    const inspected = await inspectPdf(bytes);
    if (!inspected.ok) throw new Error(`generated demo document ${name} does not pass inspection: ${inspected.message}`);
    this.blobs.set(inspected.sha256, bytes);
    return { name, sha256: inspected.sha256, size: inspected.size, pages: inspected.pages, encrypted: inspected.encrypted };
  }

  private async render(e: Engagement, variant: DocVariant, random: Random): Promise<{ name: string; bytes: Uint8Array }> {
    const customer = e.customer.name.replace(/[^A-Za-z0-9]+/g, '');
    switch (variant.kind) {
      case 'good':
        return { name: mainName(e, customer), bytes: await renderPoe(poeSpec(e, e.kind, random)) };
      case 'acknowledgement':
        return { name: `Customer acknowledgement ${e.customer.name} (signed).pdf`, bytes: await renderPoe(poeSpec(e, 'acknowledgement', random)) };
      case 'defect': {
        const spec = poeSpec(e, e.kind, random);
        if (variant.dates === 'stale') Object.assign(spec, { period: e.stalePeriod, signedOn: e.staleSignedOn, reference: reference(e, e.kind, e.staleSignedOn) });
        if (variant.dates === 'none') Object.assign(spec, { period: null, signedOn: null, reference: reference(e, e.kind, null) });
        if (variant.omit) spec.products = e.products.filter((p) => p !== variant.omit);
        if (variant.unsigned) spec.customerSigned = false;
        if (variant.thin) spec.detail = 'thin';
        const name =
          variant.dates === 'stale'
            ? `PoE_${customer}_${e.staleSignedOn.slice(0, 4)}.pdf`
            : variant.dates === 'none'
              ? `Proof of execution - ${e.customer.name}.pdf`
              : variant.omit
                ? `PoE_${customer}_${PRODUCTS[e.products.find((p) => p !== variant.omit)!].name.replace(/\s+/g, '')}.pdf`
                : variant.unsigned
                  ? `${reference(e, e.kind, e.signedOn)}_for_signature.pdf`
                  : `PoE ${e.customer.name}.pdf`;
        return { name, bytes: await renderPoe(spec) };
      }
      case 'invoice':
        return invoice(e.partner, this.now, random);
      case 'scan': {
        const signed = DateTime.fromISO(e.signedOn);
        return {
          name: `scan_${signed.toFormat('yyyyLLdd')}_${String(random.int(800, 1700)).padStart(4, '0')}.pdf`,
          bytes: await renderScannedPage(poeSpec(e, 'acknowledgement', random)),
        };
      }
      case 'workbook':
        return { name: `Deployment workbook ${e.customer.name} (full export).pdf`, bytes: await renderWorkbook(poeSpec(e, 'poe', random), e.customer.domain) };
      case 'protected': {
        const plain = await renderPoe(poeSpec(e, e.kind, random));
        const bytes = await protectWithPassword(plain, { userPassword: `${customer}-${random.int(1000, 9999)}`, ownerPassword: random.uuid(), seed: random.uint32() });
        return { name: `PoE_${customer}_protected.pdf`, bytes };
      }
    }
  }
}

const PREFIX: Record<PoeKind, string> = { poe: 'PoE', sow_completion: 'SOW', acknowledgement: 'ACK' };

/** The partner's document number; the year only when the document is dated. */
function reference(e: Engagement, kind: PoeKind, signedOn: string | null): string {
  return [e.partner.refPrefix, PREFIX[kind], ...(signedOn ? [signedOn.slice(0, 4)] : []), String(e.serial).padStart(4, '0')].join('-');
}

function mainName(e: Engagement, customer: string): string {
  switch (e.kind) {
    case 'poe':
      return `PoE_${customer}_${e.signedOn.slice(0, 7)}.pdf`;
    case 'sow_completion':
      return `SOW completion - ${e.customer.name}.pdf`;
    case 'acknowledgement':
      return `Customer acknowledgement ${e.customer.name} (signed).pdf`;
  }
}

function poeSpec(e: Engagement, kind: PoeKind, random: Random): PoeSpec {
  return {
    kind,
    partner: e.partner,
    customer: { name: e.customer.name, tenantId: e.customer.tenantId, city: e.customer.city },
    customerSignatory: e.customerContact,
    partnerSignatory: e.partnerContact,
    products: e.products,
    period: e.period,
    signedOn: e.signedOn,
    customerSigned: true,
    detail: 'full',
    reference: reference(e, kind, e.signedOn),
    producedAt: `${e.signedOn}T09:30:00.000Z`,
    seed: random.uint32(),
  };
}

async function invoice(partner: PartnerProfile, now: Instant, random: Random): Promise<{ name: string; bytes: Uint8Array }> {
  const issued = DateTime.fromISO(now, { zone: 'utc' }).minus({ days: random.int(75, 120) });
  const number = `RE-${issued.year}-${random.int(10000, 99999)}`;
  const bytes = await renderInvoice({
    partner,
    number,
    issuedOn: issued.toISODate()!,
    dueOn: issued.plus({ days: 30 }).toISODate()!,
    producedAt: issued.set({ hour: 8 }).toISO()!,
    seed: random.uint32(),
  });
  return { name: `Invoice_${number}.pdf`, bytes };
}
