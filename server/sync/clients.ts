// Desktop clients: each sync identity (clientId) belongs to the one user who first pushed with it.
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.js';
import type { Tx } from '../db/connect.js';
import { desktopClients } from '../db/schema.js';
import { HttpError } from '../http/errors.js';

export function foreignClient(): HttpError {
  return new HttpError(403, 'client_of_another_user', 'This desktop client id is registered to another user. Each user syncs with their own client id: sign in again on this desktop to get one.');
}

/** The client's last processed mutation id (0 for a client never seen); 403 when it is someone else's. */
export async function lastMutationIdOf(tx: Tx, clientId: string, user: SessionUser): Promise<number> {
  const [row] = await tx.select().from(desktopClients).where(eq(desktopClients.clientId, clientId));
  if (!row) return 0;
  if (row.userId !== user.id) throw foreignClient();
  return row.lastMutationId;
}

/**
 * Registers the client to this user if new and locks its row for the transaction, in one statement
 * (an upsert locks the row it meets): pushes of one client are processed one at a time. Answers
 * where the client stands; 403 when it is someone else's.
 */
export async function lockClient(tx: Tx, clientId: string, user: SessionUser, now: string): Promise<number> {
  const [row] = await tx
    .insert(desktopClients)
    .values({ clientId, userId: user.id, lastMutationId: 0, createdAt: new Date(now), lastSeenAt: new Date(now) })
    .onConflictDoUpdate({ target: desktopClients.clientId, set: { lastSeenAt: new Date(now) } })
    .returning({ userId: desktopClients.userId, lastMutationId: desktopClients.lastMutationId });
  if (!row) throw new Error(`desktop client ${clientId} was neither registered nor found during a push`);
  if (row.userId !== user.id) throw foreignClient();
  return row.lastMutationId;
}
