// What the routes, sync, timers and seeding share: the store, the blobs, time, the calendar.
import type { z } from 'zod';
import type { ActionContext } from '../shared/domain/actions.js';
import type { BusinessCalendar, CalendarConfig } from '../shared/domain/calendar.js';
import type { AuditAnchor } from './audit/anchor.js';
import type { SessionCache } from './auth/session-cache.js';
import type { Clock } from './clock.js';
import type { Db, Store } from './db/connect.js';
import type { BlobStore } from './documents/blob-store.js';
import type { PdfLimits } from './documents/inspect.js';
import type { Mailer } from './mail.js';

export interface Deps {
  store: Store;
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  calendar: BusinessCalendar;
  calendarConfig: z.output<typeof CalendarConfig>;
  mailer: Mailer;
  /** Where people reach this service (customer opt-out links point here). */
  publicUrl: string;
  sessionTtlMs: number;
  /** Who a bearer token belongs to (validated sessions kept in memory). */
  sessions: SessionCache;
  /** What an uploaded PDF may be: size, pages, and the time and heap its check may take. */
  pdfLimits: PdfLimits;
  /** Where the audit chain's head is anchored outside the database; null where none is kept (tests of other parts). */
  auditAnchor: AuditAnchor | null;
}

/** The domain's context for an action happening now. */
export function actionContext(deps: Pick<Deps, 'clock' | 'calendar'>): ActionContext {
  return { now: deps.clock.now(), calendar: deps.calendar };
}
