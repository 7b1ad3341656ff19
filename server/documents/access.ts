// Who may read a stored PoE file: reviewers and leads any; a partner only the files of its own
// claims and the files it uploaded itself (for instance for a dispute not yet filed).
import { and, eq, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db/connect.js';
import { claims, documents, documentUploads } from '../db/schema.js';

export type DocumentRow = typeof documents.$inferSelect;

export async function readableDocument(db: Db, user: SessionUser, sha256: string): Promise<DocumentRow | null> {
  const [doc] = await db.select().from(documents).where(eq(documents.sha256, sha256));
  if (!doc) return null;
  if (user.role !== 'partner_admin') return doc;
  const partnerId = user.partnerId!;
  const [uploaded] = await db
    .select({ sha256: documentUploads.sha256 })
    .from(documentUploads)
    .where(and(eq(documentUploads.partnerId, partnerId), eq(documentUploads.sha256, sha256)));
  if (uploaded) return doc;
  // A claim whose partner ID was edited to this partner brings its files along.
  const [onClaim] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.partnerId, partnerId), sql`${claims.data}->'documents' @> ${JSON.stringify([{ sha256 }])}::jsonb`))
    .limit(1);
  return onClaim ? doc : null;
}
