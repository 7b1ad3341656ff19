// A document's content address. In a module of its own (model.ts re-exports it) so that
// documents.list's schema (shared/contract/documents.ts) does not build every schema of the model
// first: when the renderer parsed it before the PoE's first page, that took ~15 ms of the main
// thread page 1 was waiting for (issue 18.2).
import { z } from 'zod';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');
