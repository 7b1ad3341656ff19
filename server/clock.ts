// The service's notion of "now", injectable so that tests can move time (timers, expiries).
import type { Instant } from '../shared/domain/model.js';

export interface Clock {
  now(): Instant;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock that stands still until told to move: tests drive timers and expiries with it. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: Instant) {
    this.at = Date.parse(start);
  }

  now(): Instant {
    return new Date(this.at).toISOString();
  }

  set(at: Instant): void {
    this.at = Date.parse(at);
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

/** The same instant written the way the store returns it (millisecond precision, UTC, "Z"). */
export function normalizeInstant(at: string): Instant {
  return new Date(at).toISOString();
}
