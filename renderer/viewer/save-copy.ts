// "Save a copy": the document's original bytes, exactly as the partner uploaded them (for an
// attachment, as embedded), handed to the browser as a download. In the browser build that is the
// browser's own download (and its "save as" if the reviewer has it on); in Electron, main answers
// the download with the system's save dialog (electron/main/downloads.ts).
import type { PDFDocumentProxy } from './pdfjs.js';

export async function saveCopy(source: PDFDocumentProxy | Uint8Array, filename: string): Promise<void> {
  const bytes = source instanceof Uint8Array ? source : await source.getData();
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: source instanceof Uint8Array ? 'application/octet-stream' : 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has read the blob long before this; an early revoke can cancel it in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
