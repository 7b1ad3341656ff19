// Accepting a PoE file from a partner: judged by its content (inspectPdf), stored once under its
// SHA-256, its page count and encryption recorded, and which partner uploaded it remembered.
import type { UploadedDocument } from '../../shared/contract/server.js';
import type { Deps } from '../deps.js';
import { documents, documentUploads } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { inspectPdf, type PdfRefusal } from './inspect.js';

const STATUS_OF: Record<PdfRefusal, number> = { not_pdf: 415, too_large: 413, truncated: 422, damaged: 422, too_many_pages: 422, too_complex: 422, xfa_unsupported: 422 };

export async function storeUpload(deps: Pick<Deps, 'db' | 'blobs' | 'clock' | 'pdfLimits'>, partnerId: string, bytes: Uint8Array): Promise<UploadedDocument> {
  if (bytes.byteLength === 0) throw new HttpError(400, 'empty_document', 'The request body is empty: send the PDF file itself as the body (Content-Type: application/pdf).');
  const inspection = await inspectPdf(bytes, deps.pdfLimits);
  if (!inspection.ok) throw new HttpError(STATUS_OF[inspection.error], `document_${inspection.error}`, inspection.message);
  const { sha256, size } = await deps.blobs.put(bytes);
  if (sha256 !== inspection.sha256) throw new Error(`blob store hashed ${sha256}, inspection ${inspection.sha256}: the bytes changed in between`);
  const now = new Date(deps.clock.now());
  await deps.db.transaction(async (tx) => {
    await tx.insert(documents).values({ sha256, size, pages: inspection.pages, encrypted: inspection.encrypted, createdAt: now }).onConflictDoNothing();
    await tx.insert(documentUploads).values({ partnerId, sha256, uploadedAt: now }).onConflictDoNothing();
  });
  return { sha256, size, pages: inspection.pages, encrypted: inspection.encrypted };
}
