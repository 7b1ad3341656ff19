// Secrets handed to people (session tokens, customer opt-out links): random, and stored only as
// their SHA-256, so that a copy of the database does not contain anything usable.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
