// GET /documents/:sha256: a stored PoE file for the desk's viewer and for partners, with range
// requests. Files never change (content-addressed), so they may be cached for good.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError, PdfBytes, Sha256Params } from '../../shared/contract/server.js';
import type { Deps } from '../deps.js';
import { requireUser, userOf } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { readableDocument } from './access.js';
import { parseRange } from '../../shared/contract/http-range.js';
import { USER_ROLES } from '../../shared/domain/users.js';

export function documentRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/documents/:sha256',
    {
      onRequest: requireUser(deps.sessions, USER_ROLES),
      schema: {
        summary: 'A PoE file (application/pdf); supports Range: bytes=start-end',
        tags: ['documents'],
        params: Sha256Params,
        response: {
          200: { description: 'The whole file', content: { 'application/pdf': { schema: PdfBytes } } },
          206: { description: 'The requested bytes (Range: bytes=start-end), with Content-Range', content: { 'application/pdf': { schema: PdfBytes } } },
          401: ApiError,
          404: ApiError,
          416: { description: 'The range lies outside the file; Content-Range: bytes */size gives its size', content: { 'application/json': { schema: ApiError } } },
        },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const doc = await readableDocument(deps.db, userOf(request), sha256);
      const stat = doc ? await deps.blobs.stat(sha256) : null;
      if (!doc || !stat) throw new HttpError(404, 'document_not_found', `There is no document ${sha256} that you can read. A partner reads only the documents of its own claims.`);
      const size = stat.size;
      reply
        .header('Accept-Ranges', 'bytes')
        .header('ETag', `"${sha256}"`)
        .header('Cache-Control', 'private, max-age=31536000, immutable')
        .header('Content-Disposition', 'inline')
        .type('application/pdf');
      const range = parseRange(request.headers.range, size);
      if (range === 'unsatisfiable') {
        reply.header('Content-Range', `bytes */${size}`);
        throw new HttpError(416, 'range_not_satisfiable', `The requested range is outside the file (${size} bytes). Ask for bytes within 0-${size - 1}.`);
      }
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`).header('Content-Length', range.end - range.start + 1);
        return reply.send(deps.blobs.createReadStream(sha256, range));
      }
      reply.header('Content-Length', size);
      return reply.send(deps.blobs.createReadStream(sha256));
    },
  );
}
