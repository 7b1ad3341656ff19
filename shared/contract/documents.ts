// documents.list's answer (and lead.documents', qa.documents'): a claim's PoE documents as the
// viewer needs them. In its own module, apart from the rest of the desktop contract: the renderer
// once parsed it before anything else at a start with a claim in the address, and the whole contract
// with every schema it builds took about 100 ms of a cold start to evaluate. That early read now
// takes only the first entry's address, unparsed, and this schema confirms it before the claim view
// uses anything of it (renderer/viewer/first-page.ts firstListed).
import { z } from 'zod';
import { Sha256 } from '../domain/sha256.js';

export const DocumentEntry = z.strictObject({
  sha256: Sha256,
  name: z.string(),
  size: z.number().int(),
  pages: z.number().int().nullable(),
  cached: z.boolean(),
  /**
   * The copy on this computer no longer matched its SHA-256 and was removed; it is being
   * downloaded again. The viewer blames the local copy, not the partner's upload.
   */
  damaged: z.boolean(),
  /** Where the viewer loads it from (supports HTTP range requests). */
  url: z.string(),
});

export const DocumentList = z.array(DocumentEntry);
