// The sync protocol between the desktop engine and the claims service (ARCHITECTURE.md "Data
// flow"; Replicache-style push/pull). Both ends parse with these schemas.
//
// - A mutation is one reviewer or lead action, numbered per client: ids are 1, 2, 3... with no gaps.
// - Push applies mutations in id order, each exactly once; the server's last processed id for the
//   client moves in the same transaction. A refused mutation (it no longer fits the claim) counts as
//   processed; its refusal comes back through pull. A server error is retryable; a refusal is not.
// - The cookie is the server's commit-ordered change sequence, never a wall-clock time. A null,
//   unknown or future cookie gets a full resync (`reset: true`).
// - A desk holds its user's scope, which the server decides (server/sync/scope.ts): claims enter
//   it whole (in `claims`) and leave it through `removed`; its size comes as `total` on the pages
//   of a pull that starts over or has more to come.
import { z } from 'zod';
import { ACTIONS, type ActionName, DESKTOP_ACTIONS } from '../domain/actions.js';
import { Claim } from '../domain/claim.js';
import { Instant } from '../domain/model.js';
import type { Refusal } from '../domain/refusal.js';

/** The actions a desktop may push (the domain's table says which). */
export const DesktopActionName = z.enum(DESKTOP_ACTIONS as [ActionName, ...ActionName[]]);
export type DesktopActionName = z.infer<typeof DesktopActionName>;

export const ClientId = z.uuid();

/** Mutation ids and claim versions are stored as PostgreSQL integers. */
const INT4_MAX = 2_147_483_647;
export const MAX_MUTATION_ID = INT4_MAX;

/**
 * For integrators (the service's OpenAPI document): each action's arguments as the domain checks
 * them, one branch per `name`. Only described, not enforced at the boundary (see `args` below).
 */
const ARGS_BY_NAME = DESKTOP_ACTIONS.map((name) => {
  const { $schema: _dialect, ...args } = z.toJSONSchema(ACTIONS[name].args, { io: 'input', unrepresentable: 'any' });
  return { type: 'object', title: name, properties: { name: { type: 'string', enum: [name] }, args }, required: ['name', 'args'] };
});

export const Mutation = z.strictObject({
  id: z.number().int().positive().max(MAX_MUTATION_ID),
  claimId: z.uuid(),
  name: DesktopActionName,
  /**
   * Checked by the domain when the mutation is processed, not here: arguments that do not fit (a
   * missing comment, a broken character) make a refusal the desk shows as a conflict, rather than a
   * push refused as a whole, which would stop the desk's sync until the mutation left its outbox.
   */
  args: z.unknown(),
  /** The claim version the decision was made on; a material change since then refuses it. */
  baseVersion: z.number().int().positive().max(INT4_MAX),
  /** When the reviewer decided (offline time); the server also records when it arrived. */
  decidedAt: Instant,
}).meta({ oneOf: ARGS_BY_NAME, discriminator: { propertyName: 'name' } });
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.strictObject({
  clientId: ClientId,
  mutations: z.array(Mutation).max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Push's 409 answers that say where the client stands (ApiError.params): `mutation_gap` when its
 * first new id does not follow the last processed one; `mutation_id_reused` when `mutationId` was
 * processed before as another decision (the desktop's outbox is behind the service: a restored data
 * folder, a removed outbox). Either way the client numbers what the service has not processed from
 * `expectedId`.
 */
export const PUSH_CONTINUITY_CODES = ['mutation_gap', 'mutation_id_reused'] as const;
export const PushContinuity = z.object({
  expectedId: z.number().int().positive(),
  lastMutationId: z.number().int().nonnegative(),
  mutationId: z.number().int().positive(),
});
export type PushContinuity = z.infer<typeof PushContinuity>;

export const PushResponse = z.strictObject({
  /** The last mutation id the server has processed for this client (applied or refused). */
  lastMutationId: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Refusal as carried over the wire: the domain's refusal code and parameters. */
export const WireRefusal = z.strictObject({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
});
export type WireRefusal = z.infer<typeof WireRefusal>;

/** The domain's refusal in its wire form (the one conversion; the engine and the renderer both answer with it). */
export function toWireRefusal(refusal: Refusal): WireRefusal {
  if (!refusal.params) return { code: refusal.code };
  return { code: refusal.code, params: Object.fromEntries(Object.entries(refusal.params).map(([k, v]) => [k, typeof v === 'object' ? [...v] : v])) };
}

export const MutationResult = z.strictObject({
  mutationId: z.number().int().positive(),
  claimId: z.uuid(),
  status: z.enum(['applied', 'refused']),
  refusal: WireRefusal.optional(),
  receivedAt: Instant,
  /** The claim's number, for the conflicts inbox when the claim is not (or no longer) on the desk. */
  claimNumber: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

/** The largest pull page: what a first sync asks for. */
export const MAX_PULL_LIMIT = 2000;

export const PullRequest = z.strictObject({
  clientId: ClientId,
  /** The cookie of the last page received, or null for a first sync. */
  cookie: z.number().int().nonnegative().nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});
export type PullRequest = z.input<typeof PullRequest>;

export const PullResponse = z.strictObject({
  /** True when the client must drop its snapshot and take this and the following pages as the whole. */
  reset: z.boolean(),
  /** Pass back as `cookie` in the next pull. */
  cookie: z.number().int().nonnegative(),
  lastMutationId: z.number().int().nonnegative(),
  /** Claims of the user's scope changed since the cookie, or entered it, as they are now (with their history). */
  claims: z.array(Claim),
  /** Claims that left the user's scope since the cookie (reassigned away, aged out): drop them. */
  removed: z.array(z.uuid()),
  /**
   * How many claims the user's scope holds now (the first sync's progress: claims received of
   * this), on a page that starts over (`reset`) or has more after it (`more`); the last page of an
   * incremental pull leaves it out, as counting a lead's pool of hundreds of thousands of claims
   * cost more than the rest of the pull. Pages journaled on a desk before it existed lack it too.
   */
  total: z.number().int().nonnegative().optional(),
  /** Outcomes of this client's mutations processed since the cookie. */
  mutationResults: z.array(MutationResult),
  /** More pages follow: pull again with the new cookie. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
