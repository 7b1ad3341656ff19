// The partner API: a partner admin creates, documents, submits, edits, answers and disputes its
// own claims, and follows their history. Every change is the domain's action on the claim as the
// store holds it now; a partner sees its own claims only, in the partner's view.
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApiError,
  ClaimHistory,
  ClaimIdParams,
  CommentBody,
  CreateClaimBody,
  DisputeBody,
  DocumentNameQuery,
  EditClaimBody,
  PartnerClaim,
  PartnerClaimList,
  PartnerClaimListQuery,
  RequestRejectionBody,
  RespondBody,
  UploadedDocument,
  PdfBytes,
  PDF_UPLOAD_TYPES,
} from '../../shared/contract/server.js';
import type { Command } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { can } from '../../shared/domain/lifecycle.js';
import type { Actor, PoeDocument } from '../../shared/domain/model.js';
import { partnerView } from '../../shared/domain/views.js';
import { act, claimNotFound, createClaim } from '../claims/act.js';
import { readClaim } from '../claims/read.js';
import { claims, documents, documentUploads } from '../db/schema.js';
import { actionContext, type Deps } from '../deps.js';
import { storeUpload } from '../documents/upload.js';
import { requireUser, userOf } from '../http/auth.js';
import { HttpError, refusalError } from '../http/errors.js';
import { actorOf } from '../../shared/domain/users.js';

type PartnerActor = Extract<Actor, { kind: 'partner' }>;

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function partnerRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireUser(deps.sessions, ['partner_admin']);
  const partner = (request: Parameters<typeof userOf>[0]) => actorOf(userOf(request)) as PartnerActor;
  const own = (actor: PartnerActor) => (claim: Claim) => claim.partnerId === actor.partnerId;
  const tags = ['partner'];

  /** One domain action on one of the partner's claims; answers the claim in the partner's view. */
  const change = async (id: string, actor: PartnerActor, command: Command) => partnerView(await act(deps, id, actor, command, { visible: own(actor) }));

  r.post(
    '/partner/claims',
    { onRequest, schema: { summary: 'Create a draft claim', tags, body: CreateClaimBody, response: { 201: PartnerClaim, ...errors } } },
    async (request, reply) => reply.code(201).send(partnerView(await createClaim(deps, partner(request), request.body))),
  );

  r.get(
    '/partner/claims',
    { onRequest, schema: { summary: "The partner's claims, most recently changed first", tags, querystring: PartnerClaimListQuery, response: { 200: PartnerClaimList, ...errors } } },
    async (request) => {
      const actor = partner(request);
      const { status, offset, limit } = request.query;
      const where = status ? and(eq(claims.partnerId, actor.partnerId), eq(claims.status, status)) : eq(claims.partnerId, actor.partnerId);
      const [rows, [total]] = await Promise.all([
        deps.db.select({ data: claims.data }).from(claims).where(where).orderBy(desc(claims.updatedAt), desc(claims.number)).offset(offset).limit(limit),
        deps.db.select({ n: count() }).from(claims).where(where),
      ]);
      return {
        total: total?.n ?? 0,
        claims: rows.map((row) => {
          const { history: _history, ...summary } = partnerView({ ...row.data, history: [] });
          return summary;
        }),
      };
    },
  );

  const readOwn = async (id: string, actor: PartnerActor): Promise<Claim> => {
    const claim = await readClaim(deps.db, id);
    if (!claim || !own(actor)(claim)) throw claimNotFound(id);
    return partnerView(claim);
  };

  r.get(
    '/partner/claims/:id',
    { onRequest, schema: { summary: 'One claim with its history', tags, params: ClaimIdParams, response: { 200: PartnerClaim, ...errors } } },
    async (request) => readOwn(request.params.id, partner(request)),
  );

  r.get(
    '/partner/claims/:id/history',
    { onRequest, schema: { summary: "A claim's history, from the audit log", tags, params: ClaimIdParams, response: { 200: ClaimHistory, ...errors } } },
    async (request) => ({ history: (await readOwn(request.params.id, partner(request))).history }),
  );

  r.patch(
    '/partner/claims/:id',
    {
      onRequest,
      schema: {
        summary: 'Edit a submitted claim or one waiting on partner action (partner ID, products, contacts)',
        tags,
        params: ClaimIdParams,
        body: EditClaimBody,
        response: { 200: PartnerClaim, ...errors },
      },
    },
    async (request) => change(request.params.id, partner(request), { name: 'edit', args: { changes: request.body } }),
  );

  r.post(
    '/partner/claims/:id/submit',
    { onRequest, schema: { summary: 'Submit a draft for review (needs at least one PoE)', tags, params: ClaimIdParams, response: { 200: PartnerClaim, ...errors } } },
    async (request) => change(request.params.id, partner(request), { name: 'submit', args: {} }),
  );

  r.post(
    '/partner/claims/:id/respond',
    {
      onRequest,
      schema: { summary: 'Answer a partner-action request; the claim goes back to review', tags, params: ClaimIdParams, body: RespondBody, response: { 200: PartnerClaim, ...errors } },
    },
    async (request) => change(request.params.id, partner(request), { name: 'respondToPartnerAction', args: { commentId: randomUUID(), comment: request.body.comment } }),
  );

  r.post(
    '/partner/claims/:id/request-rejection',
    {
      onRequest,
      schema: { summary: 'Ask for the claim to be rejected (wrong partner ID, wrong activity, ...)', tags, params: ClaimIdParams, body: RequestRejectionBody, response: { 200: PartnerClaim, ...errors } },
    },
    async (request) => change(request.params.id, partner(request), { name: 'requestRejection', args: request.body }),
  );

  r.post(
    '/partner/claims/:id/comments',
    { onRequest, schema: { summary: 'Comment on the claim', tags, params: ClaimIdParams, body: CommentBody, response: { 200: PartnerClaim, ...errors } } },
    async (request) => change(request.params.id, partner(request), { name: 'comment', args: { commentId: randomUUID(), text: request.body.text } }),
  );

  r.post(
    '/partner/claims/:id/dispute',
    {
      onRequest,
      schema: {
        summary: 'Dispute a rejection within 30 days, with a justification and/or updated PoE uploaded before (POST /partner/documents)',
        tags,
        params: ClaimIdParams,
        body: DisputeBody,
        response: { 200: PartnerClaim, ...errors },
      },
    },
    async (request) => {
      const actor = partner(request);
      const docs = await uploadedDocuments(deps, actor.partnerId, request.body.documents);
      return change(request.params.id, actor, { name: 'dispute', args: { justification: request.body.justification, documents: docs } });
    },
  );

  const pdfBody = { bodyLimit: deps.pdfLimits.maxBytes };

  r.put(
    '/partner/claims/:id/documents',
    {
      onRequest,
      ...pdfBody,
      schema: {
        summary: 'Attach a PoE PDF to the claim (raw application/pdf body; checked by content)',
        tags,
        consumes: PDF_UPLOAD_TYPES,
        body: PdfBytes,
        params: ClaimIdParams,
        querystring: DocumentNameQuery,
        response: { 201: PartnerClaim, ...errors, 413: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => {
      const actor = partner(request);
      const { id } = request.params;
      // Refuse before storing anything when the claim cannot take a document now.
      const current = await readClaim(deps.db, id);
      if (!current || !own(actor)(current)) throw claimNotFound(id);
      const early = can(current, actor, 'uploadDocument', actionContext(deps));
      if (early) throw refusalError(early);
      const uploaded = await storeUpload(deps, actor.partnerId, pdfBytes(request.body));
      const document: PoeDocument = { id: randomUUID(), name: request.query.name, ...uploaded, uploadedAt: deps.clock.now() };
      return reply.code(201).send(await change(id, actor, { name: 'uploadDocument', args: { document } }));
    },
  );

  r.post(
    '/partner/documents',
    {
      onRequest,
      ...pdfBody,
      schema: {
        summary: 'Upload a PoE PDF without attaching it (for a dispute); answers its SHA-256',
        tags,
        consumes: PDF_UPLOAD_TYPES,
        body: PdfBytes,
        response: { 201: UploadedDocument, ...errors, 413: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => reply.code(201).send(await storeUpload(deps, partner(request).partnerId, pdfBytes(request.body))),
  );
}

function pdfBytes(body: unknown): Uint8Array {
  if (!(body instanceof Uint8Array)) throw new HttpError(415, 'pdf_body_required', 'Send the PDF file itself as the request body with Content-Type: application/pdf.');
  return body;
}

/** The documents a dispute names, as this partner uploaded them (sizes and pages from the store, not the request). */
async function uploadedDocuments(deps: Deps, partnerId: string, wanted: { sha256: string; name: string }[]): Promise<PoeDocument[]> {
  if (wanted.length === 0) return [];
  const rows = await deps.db
    .select({ sha256: documents.sha256, size: documents.size, pages: documents.pages, encrypted: documents.encrypted })
    .from(documentUploads)
    .innerJoin(documents, eq(documents.sha256, documentUploads.sha256))
    .where(and(eq(documentUploads.partnerId, partnerId), inArray(documentUploads.sha256, wanted.map((w) => w.sha256))));
  const bySha = new Map(rows.map((row) => [row.sha256, row]));
  const now = deps.clock.now();
  return wanted.map((w) => {
    const row = bySha.get(w.sha256);
    if (!row) throw new HttpError(422, 'document_not_uploaded', `No document ${w.sha256} was uploaded by your partner. Upload it first with POST /partner/documents.`);
    return { id: randomUUID(), name: w.name, sha256: row.sha256, size: row.size, pages: row.pages, encrypted: row.encrypted, uploadedAt: now };
  });
}
