// The "unrelated document" defect (PAR "PoE missing": wrong file uploaded): an office-furniture
// supplier's invoice to the partner. A real PDF, addressed to the right partner, with nothing in it
// about the customer, its tenant or any Microsoft product.
import type { PartnerProfile } from '../cast.js';
import { Random } from '../random.js';
import type { Letterhead } from './letterhead.js';
import { longDate, renderLetter } from './poe.js';
import { INK, MUTED, RULE, SHADE } from './surface.js';

export const FURNITURE_SUPPLIER: Letterhead = {
  legalName: 'Lamna Office Furniture GmbH',
  tagline: 'Office furniture, fit-out and assembly',
  address: ['Industriestrasse 44', '4600 Wels, Austria'],
  web: 'www.lamna-office.example',
  brand: [0.25, 0.25, 0.27],
  accent: [0.8, 0.55, 0.3],
  logo: 'chevrons',
};

export interface InvoiceSpec {
  partner: PartnerProfile;
  number: string;
  /** ISO dates. */
  issuedOn: string;
  dueOn: string;
  producedAt: string;
  seed: number;
}

const ITEMS: readonly [string, number][] = [
  ['Ergonomic office chair, mesh back, black', 289],
  ['Height-adjustable desk, 160 x 80 cm, white', 549],
  ['Mobile pedestal, 3 drawers, lockable', 164],
  ['Meeting table, oak veneer, 10 seats', 1890],
  ['Acoustic partition panel, 120 x 160 cm', 212],
  ['Monitor arm, dual, gas spring', 118],
  ['Lounge sofa, 3 seats, grey fabric', 1340],
  ['Delivery, assembly and packaging disposal', 680],
];

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function renderInvoice(spec: InvoiceSpec): Promise<Uint8Array> {
  const random = new Random(spec.seed);
  const lines = random
    .sample(ITEMS.slice(0, -1), random.int(3, 5))
    .map(([what, price]) => ({ what, price, qty: random.int(2, 30) }))
    .concat([{ what: ITEMS[ITEMS.length - 1]![0], price: ITEMS[ITEMS.length - 1]![1], qty: 1 }]);
  const net = lines.reduce((sum, l) => sum + l.qty * l.price, 0);
  const vat = Math.round(net * 20) / 100;

  return renderLetter(
    { letterhead: FURNITURE_SUPPLIER, title: 'Invoice', reference: `Invoice ${spec.number}`, subject: spec.partner.legalName, producedAt: spec.producedAt },
    (flow) => {
      const s = flow.surface;
      flow.space(22);
      s.text('INVOICE', flow.left, flow.y, 'title');
      const meta: [string, string][] = [
        ['Invoice number', spec.number],
        ['Invoice date', longDate(spec.issuedOn)],
        ['Due date', longDate(spec.dueOn)],
        ['Customer number', `K-${random.int(10000, 99999)}`],
      ];
      meta.forEach(([label, value], i) => {
        const y = flow.y + 8 - i * 12;
        s.text(label, flow.right - 190, y, 'small', MUTED);
        s.text(value, flow.right - 90, y, 'body');
      });
      flow.space(44);
      s.text('Bill to', flow.left, flow.y, 'smallBold', MUTED);
      [spec.partner.legalName, 'Accounts payable', ...spec.partner.address].forEach((line, i) => s.text(line, flow.left, flow.y - 13 - i * 12, i === 0 ? 'strong' : 'body'));
      flow.space(80);

      const cols = { qty: flow.left + 6, what: flow.left + 46, unit: flow.right - 150, amount: flow.right - 6 };
      s.rect(flow.left, flow.y - 16, flow.width, 18, SHADE);
      s.text('Qty', cols.qty, flow.y - 11, 'smallBold', MUTED);
      s.text('Description', cols.what, flow.y - 11, 'smallBold', MUTED);
      s.text('Unit price EUR', cols.unit, flow.y - 11, 'smallBold', MUTED);
      s.text('Amount EUR', cols.amount - s.widthOf('Amount EUR', 'smallBold'), flow.y - 11, 'smallBold', MUTED);
      flow.space(20);
      for (const l of lines) {
        flow.y -= 16;
        s.text(String(l.qty), cols.qty, flow.y, 'body');
        s.text(l.what, cols.what, flow.y, 'body');
        s.text(money(l.price), cols.unit, flow.y, 'body');
        const amount = money(l.qty * l.price);
        s.text(amount, cols.amount - s.widthOf(amount, 'body'), flow.y, 'body');
        s.line([flow.left, flow.y - 5], [flow.right, flow.y - 5], 0.4, RULE);
      }
      flow.space(14);
      for (const [label, value, face] of [
        ['Net amount', money(net), 'body'],
        ['VAT 20 %', money(vat), 'body'],
        ['Total due EUR', money(net + vat), 'strong'],
      ] as const) {
        flow.y -= 15;
        s.text(label, cols.unit, flow.y, face, face === 'strong' ? INK : MUTED);
        s.text(value, cols.amount - s.widthOf(value, face), flow.y, face);
      }
      flow.space(30);
      flow.paragraph(
        `Please transfer the total to IBAN AT61 1904 3002 3457 3201 (BIC LAMNATWW) by ${longDate(spec.dueOn)}, quoting invoice number ${spec.number}. Goods remain our property until paid in full. Thank you for your order.`,
        { color: MUTED },
      );
    },
  );
}
