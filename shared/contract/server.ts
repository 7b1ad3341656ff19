// The claims service's HTTP bodies (besides sync, which is in sync.ts): sign-in, the partner and
// customer API, configuration, documents and audit. The server validates requests and documents
// its OpenAPI with these schemas; clients (the desktop engine, tests) parse responses with them.
import { z } from 'zod';
import { wellFormedText } from '../domain/text.js';
import { CalendarConfig } from '../domain/calendar.js';
import { Claim, HistoryEntry, NewClaim } from '../domain/claim.js';
import { ClaimStatus, Instant, PartnerId, PartnerRole, ProductId, Sha256 } from '../domain/model.js';
import { PartnerRequestGround } from '../domain/rejection.js';
import { DeskRole, UserRole } from '../domain/users.js';
import { WireRefusal } from './sync.js';
import { MAX_COMMENT_LENGTH, MAX_DOCUMENTS } from '../domain/limits.js';

// ---- errors ----------------------------------------------------------------------------------

/** Every 4xx and 5xx answer. `code` is stable (a domain refusal code or an HTTP-level one); `message` says what to do. */
export const ApiError = z.strictObject({
  statusCode: z.number().int(),
  error: z.string(),
  code: z.string(),
  message: z.string(),
  params: WireRefusal.shape.params,
});
export type ApiError = z.infer<typeof ApiError>;

// ---- accounts --------------------------------------------------------------------------------

export const AuthUser = z.strictObject({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: UserRole,
  /** The partner a partner admin acts for; null for reviewers and leads. */
  partnerId: PartnerId.nullable(),
  partnerRole: PartnerRole.nullable(),
});
export type AuthUser = z.infer<typeof AuthUser>;

export const LoginRequest = z.strictObject({
  username: wellFormedText().trim().min(1, 'enter a username').max(100),
  password: wellFormedText().min(1, 'enter a password').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.strictObject({
  /** Send as `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: Instant,
  user: AuthUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The reviewers and leads a claim can be assigned to. */
export const DeskUserList = z.strictObject({
  users: z.array(z.strictObject({ id: z.string(), username: z.string(), name: z.string(), role: DeskRole })),
});

// ---- service ---------------------------------------------------------------------------------

export const ConfigResponse = z.strictObject({ calendar: CalendarConfig });
export type ConfigResponse = z.infer<typeof ConfigResponse>;

export const Health = z.strictObject({ ok: z.literal(true), store: z.enum(['pglite', 'postgres']) });

export const AuditVerifyResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), verifiedUpTo: z.number().int().nonnegative(), message: z.string() }),
  z.strictObject({
    ok: z.literal(false),
    verifiedUpTo: z.number().int().nonnegative(),
    brokenAt: z.number().int().positive(),
    problem: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'missing_event', 'head_mismatch', 'anchor_missing', 'anchor_mismatch', 'claim_mismatch']),
    message: z.string(),
  }),
]);
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

// ---- partner ---------------------------------------------------------------------------------

/** A new claim: everything but the id and number, which the service assigns. */
export const CreateClaimBody = NewClaim.omit({ id: true, number: true });
export type CreateClaimBody = z.input<typeof CreateClaimBody>;

/**
 * The fields a partner changes. Other keys are passed on so that the domain can answer
 * "field_not_editable" naming the field, rather than a bare "unrecognized key".
 */
export const EditClaimBody = NewClaim.pick({ partnerId: true, products: true, customerContact: true, partnerContact: true })
  .partial()
  .catchall(z.unknown());
export type EditClaimBody = z.input<typeof EditClaimBody>;

const Text = (what: string) => wellFormedText().trim().min(1, `write ${what}`).max(MAX_COMMENT_LENGTH);

export const RespondBody = z.strictObject({ comment: Text('a response for the reviewer') });
export const CommentBody = z.strictObject({ text: Text('the comment') });
export const RequestRejectionBody = z.strictObject({ ground: PartnerRequestGround, comment: wellFormedText().trim().max(MAX_COMMENT_LENGTH).optional() });
export const DisputeBody = z.strictObject({
  justification: wellFormedText().trim().max(MAX_COMMENT_LENGTH).optional(),
  /** Updated PoE uploaded before with POST /partner/documents; named as the partner wants them listed. */
  documents: z
    .array(z.strictObject({ sha256: Sha256, name: wellFormedText().trim().min(1).max(255) }))
    .max(MAX_DOCUMENTS)
    .default([]),
});
export type DisputeBody = z.input<typeof DisputeBody>;

export const DocumentNameQuery = z.strictObject({ name: wellFormedText().trim().min(1, 'name the file: ?name=poe.pdf').max(255) });

export const UploadedDocument = z.strictObject({
  sha256: Sha256,
  size: z.number().int().positive(),
  pages: z.number().int().positive().nullable(),
  encrypted: z.boolean(),
});
export type UploadedDocument = z.infer<typeof UploadedDocument>;

/** A claim as its partner sees it: the domain's `partnerView` (no checklist notes, evidence, time spent or reviewer names). */
export const PartnerClaim = Claim;
export const PartnerClaimSummary = Claim.omit({ history: true });

export const PartnerClaimListQuery = z.strictObject({
  status: ClaimStatus.optional(),
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const PartnerClaimList = z.strictObject({
  total: z.number().int().nonnegative(),
  claims: z.array(PartnerClaimSummary),
});

export const ClaimHistory = z.strictObject({ history: z.array(HistoryEntry) });

// ---- customer --------------------------------------------------------------------------------

/** What a customer's opt-out link shows before they confirm. */
export const OptOutInfo = z.strictObject({
  claimNumber: z.string(),
  partnerName: z.string(),
  customerName: z.string(),
  products: z.array(ProductId),
  status: ClaimStatus,
  consentEndsAt: Instant.nullable(),
});

export const OptOutBody = z.strictObject({ comment: wellFormedText().trim().max(MAX_COMMENT_LENGTH).optional() });

export const OptOutDone = z.strictObject({ claimNumber: z.string(), status: ClaimStatus });

// ---- shared path parameters ------------------------------------------------------------------

export const ClaimIdParams = z.strictObject({ id: z.uuid('a claim id is a UUID') });
export const Sha256Params = z.strictObject({ sha256: Sha256 });

/**
 * A PDF's bytes: the upload bodies and the document route's answers. Described for integrators
 * only; the service checks an upload by its content (server/documents/inspect.ts), not here.
 */
export const PdfBytes = z.unknown().meta({ type: 'string', format: 'binary', description: 'The PDF file itself (raw bytes, not multipart).' });
/** The media types an upload body may have (the service parses both as raw bytes). */
export const PDF_UPLOAD_TYPES = ['application/pdf', 'application/octet-stream'];
export const OptOutTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the link is incomplete: copy the whole opt-out link') });
