// Every error answer has one shape (shared/contract/server.ts ApiError): a stable code and a
// sentence saying what happened and what to do. Domain refusals keep their code and parameters
// and get the English sentence from shared/i18n; 5xx answers mean "retry", 4xx mean "change the
// request".
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError } from '../../shared/contract/server.js';
import type { Refusal, RefusalCode } from '../../shared/domain/refusal.js';
import { createI18n, refusalText } from '../../shared/i18n/index.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly params?: ApiError['params'],
  ) {
    super(message);
  }
}

const i18n = createI18n('en');

/** Refusals about who acts are 403; about what was sent, 422; about the claim's state, 409. */
const STATUS_OF: Partial<Record<RefusalCode, number>> = {
  actor_not_allowed: 403,
  not_own_claim: 403,
  not_assigned: 403,
  invalid_arguments: 422,
  field_not_editable: 422,
  nothing_to_change: 422,
  comment_required: 422,
  dispute_evidence_required: 422,
  checklist_not_passed: 422,
  partner_id_not_held: 403,
  no_missing_items: 422,
};

export function refusalError(refusal: Refusal): HttpError {
  return new HttpError(STATUS_OF[refusal.code] ?? 409, refusal.code, refusalText(i18n.t, refusal), refusal.params as ApiError['params']);
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function send(reply: FastifyReply, statusCode: number, code: string, message: string, params?: ApiError['params']): FastifyReply {
  const body: ApiError = { statusCode, error: REASON_PHRASES[statusCode] ?? 'Error', code, message, ...(params ? { params } : {}) };
  return reply.code(statusCode).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Fastify's own 4xx errors, reworded where its text does not say what to do. */
const FASTIFY_MESSAGES: Record<string, (error: FastifyError) => string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'This content type is not accepted here: send JSON (Content-Type: application/json), or a PDF where a document is uploaded.',
  FST_ERR_CTP_BODY_TOO_LARGE: () => 'The request body is larger than this endpoint accepts. Send less at once (fewer mutations per push), or a smaller file.',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The body is empty but Content-Type says JSON: send a JSON object (for no arguments, {}).',
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => `The body is not valid JSON (${e.message}). Fix the JSON and send it again.`,
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) return send(reply, error.statusCode, error.code, error.message, error.params);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const issues = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return `${where}${field ? `.${field}` : ''}: ${v.message}`;
      });
      return send(reply, 400, 'invalid_request', `The request is not valid: ${issues.join('; ')}. Correct it and send it again.`);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, 500, 'internal', 'The service failed to produce its answer. Try again later; if it keeps failing, tell the administrator (the server log has details).');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message = FASTIFY_MESSAGES[error.code]?.(error) ?? error.message;
      return send(reply, status, error.code?.toLowerCase() ?? 'bad_request', message);
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, status >= 500 ? status : 500, 'internal', 'The service failed to handle this request. It is safe to try again; if it keeps failing, tell the administrator (the server log has details).');
  });

  app.setNotFoundHandler((request, reply) => send(reply, 404, 'no_such_route', `There is no ${request.method} ${request.url.split('?')[0]} here. The API is described at GET /openapi.json.`));
}
