// The documents.list entry as a type: what the viewer needs to load one PoE.
import type { z } from 'zod';
import type { DocumentEntry as DocumentEntrySchema } from '../../shared/contract/documents.js';

export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;
