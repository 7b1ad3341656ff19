// The claims service as a Fastify application. buildApp takes everything it depends on (store,
// blobs, clock, calendar, mailer), so tests run it in-process against PGlite or PostgreSQL and
// drive time; main.ts wires the real ones.
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { CalendarConfig, DEFAULT_CALENDAR } from '../shared/domain/calendar.js';
import { calendarOf } from '../shared/domain/public-holidays.js';
import type { AuditAnchor } from './audit/anchor.js';
import { SessionCache } from './auth/session-cache.js';
import { type Clock, systemClock } from './clock.js';
import { customerRoutes } from './customer/routes.js';
import { sealedStore } from './claims/sealing.js';
import type { Store } from './db/connect.js';
import type { Deps } from './deps.js';
import type { BlobStore } from './documents/blob-store.js';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './documents/inspect.js';
import { documentRoutes } from './documents/routes.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-throttle.js';
import { assertGuarded } from './http/auth.js';
import { installErrorHandling } from './http/errors.js';
import { serviceRoutes } from './http/service-routes.js';
import { logMailer, type Mailer } from './mail.js';
import { leadRoutes } from './lead/routes.js';
import { partnerRoutes } from './partner/routes.js';
import { syncRoutes } from './sync/routes.js';
import { ensureDeskScope } from './sync/scope.js';

export interface AppOptions {
  store: Store;
  blobs: BlobStore;
  clock?: Clock;
  calendar?: CalendarConfig;
  mailer?: Mailer;
  /** Base URL people reach the service at; default http://127.0.0.1:4010. */
  publicUrl?: string;
  sessionTtlMs?: number;
  pdfLimits?: Partial<PdfLimits>;
  logger?: FastifyServerOptions['logger'];
  /** Failed sign-ins allowed per account and per address; default DEFAULT_LOGIN_LIMITS. */
  loginLimits?: LoginLimits;
  /** How many days a claim stays on the desk of someone who acted on it (stored; default 30). */
  scopeRecentDays?: number;
  /** The anchor the store's transactions write (anchoredStore); `GET /audit/verify` checks the chain against it. */
  auditAnchor?: AuditAnchor | null;
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; deps: Deps; routes: readonly RouteOptions[] }> {
  const app = Fastify({ logger: options.logger ?? false, exposeHeadRoutes: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  installErrorHandling(app);
  app.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const calendarConfig = CalendarConfig.parse(options.calendar ?? DEFAULT_CALENDAR);
  // Every transaction of the service sealed before it commits (claims/sealing.ts), whoever opened the store.
  const store = sealedStore(options.store);
  const clock = options.clock ?? systemClock;
  const sessions = await SessionCache.open(store, clock);
  app.addHook('onClose', () => sessions.close());
  try {
    const deps: Deps = {
      store,
      db: store.db,
      blobs: options.blobs,
      clock,
      calendar: calendarOf(calendarConfig),
      calendarConfig,
      mailer: options.mailer ?? logMailer(app.log),
      publicUrl: options.publicUrl ?? 'http://127.0.0.1:4010',
      sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      sessions,
      pdfLimits: { ...DEFAULT_PDF_LIMITS, ...options.pdfLimits },
      auditAnchor: options.auditAnchor ?? null,
    };

    // Only where a route asks for it (sign-in), never globally.
    await app.register(rateLimit, { global: false });
    await ensureDeskScope(deps.db, deps.clock.now(), options.scopeRecentDays);

    await app.register(swagger, {
      openapi: {
        info: { title: 'PoE Desk claims service', version: '1.0.0', description: 'CPOR association claims: partner and customer API, desktop sync, documents, audit.' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      // The claim's checklist keys are a custom zod type: document them as strings rather than fail.
      transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
    });

    // Every route, as registered: each is checked to be guarded or declared public.
    const routes: RouteOptions[] = [];
    app.addHook('onRoute', (route) => {
      assertGuarded(route);
      routes.push(route);
    });
    serviceRoutes(app, deps, options.loginLimits ?? DEFAULT_LOGIN_LIMITS);
    partnerRoutes(app, deps);
    customerRoutes(app, deps);
    syncRoutes(app, deps);
    documentRoutes(app, deps);
    leadRoutes(app, deps);
    app.get('/openapi.json', { schema: { hide: true, security: [] } }, async () => app.swagger());

    await app.ready();
    return { app, deps, routes };
  } catch (error) {
    // The service does not start: what it opened must not keep listening.
    await sessions.close();
    throw error;
  }
}
