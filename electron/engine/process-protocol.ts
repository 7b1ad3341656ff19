// The messages between the engine running as a child process (process.ts) and its parent: the
// Electron shell's utilityProcess, or a test. Both ends parse with these schemas.
import { z } from 'zod';
import { MAX_PULL_LIMIT } from '../../shared/contract/sync.js';

/** What the parent may configure; functions (documentUrl) become a URL prefix here. */
export const EngineProcessOptions = z.strictObject({
  dataDir: z.string().min(1),
  serverUrl: z.url().nullable().optional(),
  /** The viewer's URL of a document is this prefix followed by its SHA-256. */
  documentUrlPrefix: z.string().optional(),
  cacheMaxBytes: z.number().int().positive().optional(),
  pollIntervalMs: z.number().int().positive().optional(),
  pushDelayMs: z.number().int().nonnegative().optional(),
  backoff: z.strictObject({ baseMs: z.number().int().positive(), maxMs: z.number().int().positive() }).optional(),
  pullPageSize: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
  /** When the store compacts its journal and replaces its claims file (local-store.ts); tests make it small. */
  journalCompactBytes: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().int().positive().optional(),
  autoSync: z.boolean().optional(),
});
export type EngineProcessOptions = z.infer<typeof EngineProcessOptions>;

export const ToEngine = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('open'),
    options: EngineProcessOptions,
    /** The session token from the parent's credential store (Electron: safeStorage); absent: the engine keeps it in session.json. */
    token: z.string().nullable().optional(),
  }),
  z.strictObject({ type: z.literal('call'), id: z.number().int(), channel: z.string(), args: z.unknown() }),
  z.strictObject({ type: z.literal('close') }),
]);
export type ToEngine = z.infer<typeof ToEngine>;

export const EngineFailure = z.strictObject({ code: z.string(), message: z.string() });

// A plain union: the two 'result' shapes share their `type`, which a discriminated union refuses.
export const FromEngine = z.union([
  z.strictObject({
    type: z.literal('ready'),
    pid: z.number().int(),
    report: z.strictObject({ resyncBecause: z.string().nullable(), quarantinedNow: z.number().int(), movedAside: z.array(z.string()) }),
  }),
  /** Opening failed (the data directory is locked, unreadable): the process exits after this. */
  z.strictObject({ type: z.literal('fatal'), error: EngineFailure }),
  z.strictObject({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: EngineFailure }),
  z.strictObject({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  /** The session token changed (signed in: the new one; signed out: null), for the parent's credential store. */
  z.strictObject({ type: z.literal('token'), token: z.string().nullable() }),
  z.strictObject({ type: z.literal('closed') }),
]);
export type FromEngine = z.infer<typeof FromEngine>;
