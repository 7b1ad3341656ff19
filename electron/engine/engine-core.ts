// What the engine's parts share (engine.ts wires them): its options, the local store, the view of
// the claims with pending decisions replayed, the events it announces, the one queue its writes go
// through, the sync status with its notices, and the clock. Each part (desk-session, sync-loop,
// decisions, document-access, claim-reading, draft-saving) gets this one object rather than each
// other, so none of them imports another's class.
import type { z } from 'zod';
import type { CHANNELS, ChannelName } from '../../shared/contract/desktop.js';
import type { BackoffOptions } from './backoff.js';
import type { ClaimViews } from './claim-views.js';
import type { DeskStatus } from './desk-status.js';
import type { EngineEvents } from './events.js';
import type { LocalStore } from './local-store.js';
import type { Serial } from './serial.js';

/** Keeps the session token outside the engine's files (the Electron shell: the OS keychain through safeStorage). */
export interface CredentialStore {
  load(): Promise<string | null>;
  save(token: string | null): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  /** Where the session token is kept; without one it is kept in session.json (browser host, tests). */
  credentials?: CredentialStore;
  /**
   * The claims service's address. Given, it replaces the stored one (the same service at a new
   * address, as `npm run web` starts it); absent, the address the user signed in to is kept.
   */
  serverUrl?: string | null;
  /** Where the viewer loads a cached PoE from; Electron's poe:// protocol by default. */
  documentUrl?: (sha256: string) => string;
  /** Bound of the PoE cache (documents of assigned open claims are kept even beyond it). */
  cacheMaxBytes?: number;
  /** Sync this often while all is well. */
  pollIntervalMs?: number;
  /** Push this soon after a decision (decisions made in a burst go in one request). */
  pushDelayMs?: number;
  backoff?: BackoffOptions;
  /** Retrying a PoE download that failed (its own schedule: a failed document never fails a sync). */
  documentBackoff?: BackoffOptions;
  /** Claims per pull page (tests make it small); by default 500, and the service's largest page for a first sync or a resync. */
  pullPageSize?: number;
  requestTimeoutMs?: number;
  journalCompactBytes?: number;
  /** Start syncing by itself (false: only on sync.now, for tests that drive every step). */
  autoSync?: boolean;
  now?: () => Date;
}

export interface EngineCore {
  readonly options: EngineOptions;
  readonly store: LocalStore;
  readonly views: ClaimViews;
  readonly events: EngineEvents;
  /** Every write of the engine's state goes through it, in call order. */
  readonly serial: Serial;
  readonly status: DeskStatus;
  /** Now, as the engine's clock says (options.now in tests). */
  now(): string;
}

/** The engine's clock. */
export function clock(options: EngineOptions): () => string {
  return () => (options.now?.() ?? new Date()).toISOString();
}

/** A channel's arguments as the engine's handler table parsed them (defaults applied). */
export type ParsedArgs<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['args']>;
