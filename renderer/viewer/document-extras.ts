// What a document carries besides its pages, for the sidebar and the signature note: its outline
// (bookmarks), its attached files and whether it has a digital signature field. Read once the first
// page is drawn, so none of it competes with that page for pdf.js's worker (issue 18.2).
import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from './pdfjs.js';

export interface OutlineNode {
  title: string;
  bold: boolean;
  italic: boolean;
  /** Where in this document it leads; null for an entry that only groups others (or a web link, never followed). */
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

export interface Attachment {
  filename: string;
  description: string;
  content: Uint8Array;
  /** By its content, never by its name: only a real PDF is opened in the viewer. */
  isPdf: boolean;
}

export interface DocumentExtras {
  outline: OutlineNode[];
  attachments: Attachment[];
  /** The PDF has a signature field (signed or to be signed); PoE Desk does not verify signatures. */
  signature: boolean;
}

const NONE: DocumentExtras = { outline: [], attachments: [], signature: false };

export function useDocumentExtras(doc: PDFDocumentProxy | null, firstPageDrawn: boolean): DocumentExtras {
  const [extras, setExtras] = useState<{ doc: PDFDocumentProxy; extras: DocumentExtras } | null>(null);
  useEffect(() => {
    if (!doc || !firstPageDrawn || extras?.doc === doc) return;
    let current = true;
    void readExtras(doc).then((read) => current && setExtras({ doc, extras: read }));
    return () => {
      current = false;
    };
  }, [doc, firstPageDrawn, extras]);
  return extras?.doc === doc ? extras.extras : NONE;
}

async function readExtras(doc: PDFDocumentProxy): Promise<DocumentExtras> {
  // Each part on its own: a damaged outline must not hide the attachments, nor the signature.
  const [outline, attachments, signature] = await Promise.all([
    doc.getOutline().then((nodes) => (nodes ?? []).map(outlineNode), () => []),
    doc.getAttachments().then(attachmentList, () => []),
    hasSignature(doc).catch(() => false),
  ]);
  return { outline, attachments, signature };
}

interface RawOutlineNode {
  title: string;
  bold: boolean;
  italic: boolean;
  dest: string | unknown[] | null;
  items: RawOutlineNode[];
}

function outlineNode(node: RawOutlineNode): OutlineNode {
  return { title: node.title, bold: node.bold, italic: node.italic, dest: node.dest, items: (node.items ?? []).map(outlineNode) };
}

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function isPdf(content: Uint8Array): boolean {
  // As readers do: the header anywhere in the first KiB.
  const head = content.subarray(0, 1024);
  for (let i = 0; i + PDF_HEADER.length <= head.length; i++) if (PDF_HEADER.every((b, j) => head[i + j] === b)) return true;
  return false;
}

function attachmentList(raw: Record<string, { filename: string; description?: string; content?: Uint8Array }> | null): Attachment[] {
  return Object.values(raw ?? {})
    .filter((a): a is { filename: string; description?: string; content: Uint8Array } => a.content instanceof Uint8Array)
    .map((a) => ({ filename: a.filename, description: a.description ?? '', content: a.content, isPdf: isPdf(a.content) }))
    .sort((a, b) => a.filename.localeCompare(b.filename));
}

/** The document's SigFlags say it has signatures, or one of its form fields is a signature field. */
async function hasSignature(doc: PDFDocumentProxy): Promise<boolean> {
  const { info } = await doc.getMetadata();
  if ((info as { IsSignaturesPresent?: boolean }).IsSignaturesPresent) return true;
  const fields = await doc.getFieldObjects();
  return Object.values(fields ?? {}).some((widgets) => widgets.some((w) => (w as { type?: string }).type === 'signature'));
}
