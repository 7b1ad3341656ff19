// PDFs for the viewer's tools (issue 18.4), made with pdf-lib (the Cantoo fork, which can encrypt):
// three pages with an outline, two attached files (a password-protected PDF and a text file) and a
// signature field; and the XFA form the upload check's tests use.
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFRef } from '@cantoo/pdf-lib';

export { xfaForm } from '../../unit/server/documents/hostile-pdfs.js';

export const ATTACHMENT_PASSWORD = 'open-sesame';

interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  page: number;
  children?: OutlineEntry[];
}

/** The document's /Outlines tree, each entry fitting its page in the window. */
function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const level = (list: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => ctx.nextRef());
    let count = 0;
    list.forEach((entry, i) => {
      const dict: Record<string, unknown> = { Title: PDFHexString.fromText(entry.title), Parent: parent, Dest: [doc.getPage(entry.page).ref, PDFName.of('Fit')] };
      if (i > 0) dict.Prev = refs[i - 1];
      if (i < refs.length - 1) dict.Next = refs[i + 1];
      if (entry.children?.length) {
        const sub = level(entry.children, refs[i]!);
        Object.assign(dict, { First: sub.first, Last: sub.last, Count: sub.count });
        count += sub.count;
      }
      ctx.assign(refs[i]!, ctx.obj(dict as never));
      count++;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = level(entries, rootRef);
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

/** An unsigned signature field on the first page, with SigFlags saying the document has signatures. */
function addSignatureField(doc: PDFDocument): void {
  const ctx = doc.context;
  const page = doc.getPage(0);
  const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of('Partner signature'), Rect: [380, 60, 560, 110], F: 4, P: page.ref }));
  page.node.addAnnot(widget);
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget], SigFlags: 3 }));
}

async function orderPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('ATTACHED ORDER', { x: 72, y: 700, size: 24, font });
  doc.encrypt({ userPassword: ATTACHMENT_PASSWORD, ownerPassword: 'owner' });
  return doc.save();
}

export const TOOLS_PAGES = ['Summary of the engagement', 'Signed order', 'Evidence of deployment'];

export async function toolsPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [i, title] of TOOLS_PAGES.entries()) doc.addPage([612, 792]).drawText(`${i + 1}. ${title}`, { x: 72, y: 700, size: 24, font });
  addOutline(doc, [
    { title: 'Summary', page: 0 },
    { title: 'Evidence', page: 2, children: [{ title: 'Signed order', page: 1 }] },
  ]);
  await doc.attach(await orderPdf(), 'order.pdf', { mimeType: 'application/pdf', description: 'The customer’s signed order' });
  await doc.attach(new TextEncoder().encode('Call notes, 3 March: the customer agreed to the rollout.\n'), 'notes.txt', { mimeType: 'text/plain', description: 'Call notes' });
  addSignatureField(doc);
  return doc.save();
}
