// The service's settings, from the environment, parsed so that a wrong value stops the start with
// a sentence naming the variable (rather than a crash later).
import path from 'node:path';
import { z } from 'zod';
import { CalendarConfig, DEFAULT_CALENDAR } from '../shared/domain/calendar.js';

const dateList = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((d) => d.trim()).filter(Boolean) : []));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data/server'),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string').optional(),
  PUBLIC_URL: z.url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  MAX_PDF_MB: z.coerce.number().positive().max(1024).optional(),
  MAX_PDF_PAGES: z.coerce.number().int().positive().max(100_000).optional(),
  TIMER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  SCOPE_RECENT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  CALENDAR_ZONE: z.string().default(DEFAULT_CALENDAR.zone),
  CALENDAR_COUNTRY: z.string().default(DEFAULT_CALENDAR.country),
  CALENDAR_REGION: z.string().optional(),
  CALENDAR_EXTRA_CLOSURES: dateList,
  CALENDAR_WORKED_HOLIDAYS: dateList,
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Where the audit chain's head is anchored after each commit (server/audit/anchor.ts). */
  auditAnchorFile: string;
  publicUrl: string;
  sessionTtlMs: number;
  maxPdfBytes: number | undefined;
  maxPdfPages: number | undefined;
  timerIntervalMs: number;
  scopeRecentDays: number;
  calendar: z.output<typeof CalendarConfig>;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`Configuration error: ${describe(parsed.error)}. Fix the environment variable and start again.`);
  const e = parsed.data;
  const calendar = CalendarConfig.safeParse({
    zone: e.CALENDAR_ZONE,
    country: e.CALENDAR_COUNTRY,
    ...(e.CALENDAR_REGION ? { region: e.CALENDAR_REGION } : {}),
    extraClosures: e.CALENDAR_EXTRA_CLOSURES,
    workedHolidays: e.CALENDAR_WORKED_HOLIDAYS,
  });
  if (!calendar.success) throw new Error(`Configuration error in the CALENDAR_* variables: ${describe(calendar.error)}.`);
  const shownHost = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    auditAnchorFile: path.resolve(e.AUDIT_ANCHOR_FILE ?? path.join(e.DATA_DIR, 'audit-anchor.jsonl')),
    publicUrl: e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600 * 1000,
    maxPdfBytes: e.MAX_PDF_MB ? Math.round(e.MAX_PDF_MB * 1024 * 1024) : undefined,
    maxPdfPages: e.MAX_PDF_PAGES,
    timerIntervalMs: e.TIMER_INTERVAL_MS,
    scopeRecentDays: e.SCOPE_RECENT_DAYS,
    calendar: calendar.data,
  };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}
