// The team lead's queries (and a reviewer's QA tasks), passed on to the claims service: its answers
// span the whole team and months of decisions, so the desk never holds them (issue 16). Each answer
// is parsed with the contract's schema by ServerClient. Offline they fail as 'unreachable', and the
// screens keep what they last loaded. Lead *acts* are not here: they are claims.mutate, through the
// outbox like any decision.
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { CHANNELS, type ChannelName, type ChannelResult } from '../../shared/contract/desktop.js';
import { AssignmentPool, ClaimAsDecided, DecisionLogPage, QaDisagreementList, QaTaskList, QaTaskView, ReviewerMetrics, SlaBoard, SlaTrend } from '../../shared/contract/lead.js';
import { AuditVerifyResponse, DeskUserList } from '../../shared/contract/server.js';
import { Claim } from '../../shared/domain/claim.js';
import { EngineError } from './engine-error.js';
import { type ServerClient, ServerRefusedError, SessionExpiredError, UnreachableError } from './server-client.js';

/** lead.documents and qa.documents are the engine's own: it serves the PoE from its cache. */
type LeadChannel = Exclude<Extract<ChannelName, `lead.${string}` | `qa.${string}`>, 'lead.documents' | 'qa.documents'>;
type Args<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['args']>;
export type LeadHandlers = { [C in LeadChannel]: (args: Args<C>) => Promise<ChannelResult<C>> };

export class LeadQueries {
  constructor(private readonly client: () => ServerClient | null) {}

  readonly handlers: LeadHandlers = {
    'lead.decisions': (q) => this.call((c) => c.get('/lead/decisions', { ...q }, DecisionLogPage)),
    'lead.decision': ({ id }) => this.call((c) => c.get(`/lead/decisions/${encodeURIComponent(id)}/claim`, {}, ClaimAsDecided)),
    'lead.sla': () => this.call((c) => c.get('/lead/sla', {}, SlaBoard)),
    'lead.slaTrend': (q) => this.call((c) => c.get('/lead/sla/trend', { ...q }, SlaTrend)),
    'lead.metrics': (q) => this.call((c) => c.get('/lead/metrics', { ...q }, ReviewerMetrics)),
    'lead.pool': (q) => this.call((c) => c.get('/lead/pool', { ...q }, AssignmentPool)),
    'lead.reviewers': () => this.call((c) => c.get('/users/desk', {}, DeskUserList)),
    'lead.qaDisagreements': () => this.call((c) => c.get('/lead/qa/disagreements', {}, QaDisagreementList)),
    'lead.audit': () => this.call((c) => c.get('/audit/verify', {}, AuditVerifyResponse)),
    'lead.exportCsv': async ({ query, path }) => {
      if (!path) throw new EngineError('invalid_arguments', 'Choose where to save the CSV file.');
      const response = await this.csv(query);
      // Written beside the target and renamed at the end: a cut export never leaves half a file under the chosen name.
      const partial = `${path}.part`;
      const source = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
      // The service ends a failing export without its last chunk: reading the download fails.
      let cut = false;
      source.once('error', () => (cut = true));
      try {
        await pipeline(source, createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        if (cut) throw new EngineError('unreachable', 'The export failed part-way: the claims service stopped sending the file, and nothing was saved. Export again.');
        throw new EngineError('write_failed', `The CSV could not be saved to ${path} (${(error as Error).message}). Choose another folder and export again.`);
      }
      return { path, bytes: (await stat(path)).size };
    },
    'qa.tasks': () => this.call((c) => c.get('/qa/tasks', {}, QaTaskList)),
    'qa.task': ({ taskId }) => this.call((c) => c.get(`/qa/tasks/${taskId}`, {}, QaTaskView)),
  };

  /** The filtered log as CSV, streamed from the service (the browser host pipes it to a download). */
  async csv(query: Args<'lead.exportCsv'>['query']): Promise<Response> {
    const response = await this.call((c) => c.stream('/lead/decisions.csv', { ...query }));
    if (!response.body) throw new EngineError('unreachable', 'The claims service sent an empty CSV export; export again.');
    return response;
  }

  /** The claim as the service holds it now, for a lead's act on a claim that is not on this desk. */
  currentClaim(id: string): Promise<Claim> {
    return this.call((c) => c.get(`/lead/claims/${id}`, {}, Claim));
  }

  private async call<T>(request: (client: ServerClient) => Promise<T>): Promise<T> {
    const client = this.client();
    if (!client) throw new EngineError('not_signed_in', 'Sign in again: the session on the claims service has ended.');
    try {
      return await request(client);
    } catch (error) {
      if (error instanceof UnreachableError) throw new EngineError('unreachable', `${error.message} This screen needs the claims service; it shows what it last loaded.`);
      if (error instanceof SessionExpiredError) throw new EngineError('not_signed_in', error.message);
      if (error instanceof ServerRefusedError) throw new EngineError(error.status === 404 ? 'not_found' : error.status === 400 ? 'invalid_arguments' : 'refused', error.message);
      throw error;
    }
  }
}
