// The team lead's desk: queries over the whole team's work, answered from the database, paged and
// indexed. Lead-only (a reviewer or partner gets 403 before anything is read). Lead *acts* (assign,
// reopen, resolve a QA disagreement) are domain mutations pushed through sync like any decision.
// Reviewers get their QA tasks here, blind until their verdict is recorded.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AssignmentPool,
  ClaimAsDecided,
  CsvQuery,
  DecisionIdParams,
  DecisionLogPage,
  DecisionLogQuery,
  LeadClaimParams,
  MetricsQuery,
  PoolQuery,
  QaDisagreementList,
  QaRuleBody,
  QaTaskList,
  QaTaskParams,
  QaTaskView,
  ReviewerMetrics,
  SlaBoard,
  SlaTrend,
  SlaTrendQuery,
} from '../../shared/contract/lead.js';
import { ApiError } from '../../shared/contract/server.js';
import { Claim } from '../../shared/domain/claim.js';
import { suggestAssignee } from '../../shared/domain/assignment.js';
import type { Checklist } from '../../shared/domain/checklist.js';
import { QaSamplingRule, type QaTask } from '../../shared/domain/qa.js';
import { qaBlindView, qaComparison } from '../../shared/domain/qa-claim.js';
import { readClaim } from '../claims/read.js';
import { qaRule } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { requireUser, userOf } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { decisionsCsv } from './csv-export.js';
import { decisionById, decisionPage } from './log-query.js';
import { OPEN_DISPUTE, OPEN_WORK } from './open-work.js';
import { currentQaRule } from './qa-sampling.js';
import { reviewerMetrics } from './metrics-query.js';
import { slaBoard, slaTrend } from './sla-query.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };

export function leadRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireUser(deps.sessions, ['team_lead']);
  const tags = ['lead'];

  r.get(
    '/lead/decisions',
    { onRequest, schema: { summary: 'The decision log: filtered, newest (or oldest) first, in keyset pages', tags, querystring: DecisionLogQuery, response: { 200: DecisionLogPage, ...errors } } },
    async (request) => {
      const { sort, cursor, limit, ...filter } = request.query;
      return decisionPage(deps.db, filter, { sort, cursor, limit });
    },
  );

  r.get(
    '/lead/decisions.csv',
    {
      onRequest,
      schema: {
        summary: 'The filtered decision log as CSV (RFC 4180, UTF-8 with BOM), streamed; refused decisions included, marked',
        tags,
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: errors,
      },
    },
    async (request, reply) => {
      const { sort, lang, ...filter } = request.query;
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="decisions-${deps.clock.now().slice(0, 10)}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(decisionsCsv(deps.db, filter, sort, lang, deps.calendarConfig.zone) as never);
    },
  );

  r.get(
    '/lead/decisions/:id/claim',
    { onRequest, schema: { summary: 'The claim as it stood at this decision, the checklist with notes and pins, and what came after', tags, params: DecisionIdParams, response: { 200: ClaimAsDecided, ...errors } } },
    async (request) => {
      const decision = await decisionById(deps.db, request.params.id);
      if (!decision) throw new HttpError(404, 'decision_not_found', `There is no decision ${request.params.id}. Reload the decision log.`);
      const claim = await readClaim(deps.db, decision.claimId);
      if (!claim) throw new HttpError(404, 'claim_not_found', `The claim of decision ${decision.id} is gone. Reload the decision log.`);
      const upTo = claim.history.filter((e) => e.version <= decision.claimVersion);
      const entry = upTo.find((e) => e.version === decision.claimVersion && e.action === decision.action);
      const asOf = upTo.at(-1);
      return {
        decision,
        claim: {
          ...claim,
          history: upTo,
          version: asOf?.version ?? claim.version,
          status: asOf?.to ?? claim.status,
          documents: claim.documents.filter((d) => d.uploadedAt <= decision.receivedAt),
        },
        checklist: decision.outcome === 'applied' ? ((entry?.details.checklist as Checklist | undefined) ?? null) : null,
        after: claim.history.filter((e) => e.version > decision.claimVersion),
      };
    },
  );

  r.get(
    '/lead/claims/:id',
    { onRequest, schema: { summary: "Any claim as it stands now: what a lead's act on a claim outside the lead's desk is checked against", tags, params: LeadClaimParams, response: { 200: Claim, ...errors } } },
    async (request) => {
      const claim = await readClaim(deps.db, request.params.id);
      if (!claim) throw new HttpError(404, 'claim_not_found', `There is no claim ${request.params.id}. Reload the list you opened it from.`);
      return claim;
    },
  );

  r.get(
    '/lead/sla',
    { onRequest, schema: { summary: 'The SLA board: per clock and reviewer, on time / due soon / due today / overdue, and the overdue list', tags, response: { 200: SlaBoard, ...errors } } },
    async () => slaBoard(deps.db, deps.calendar, deps.clock.now()),
  );

  r.get(
    '/lead/sla/trend',
    {
      onRequest,
      schema: {
        summary: 'The SLA trend: per local day of the period and per clock, the running clocks on time and overdue at the day’s end',
        tags,
        querystring: SlaTrendQuery,
        response: { 200: SlaTrend, ...errors },
      },
    },
    async (request) => slaTrend(deps.db, deps.calendar, deps.clock.now(), request.query),
  );

  r.get(
    '/lead/metrics',
    {
      onRequest,
      schema: {
        summary:
          'Reviewer metrics over a period (and optionally one reviewer): decisions per day by action, median and p90 time spent, PAR reason shares, approvals opted out and rejections overturned later, QA agreement, open workload',
        tags,
        querystring: MetricsQuery,
        response: { 200: ReviewerMetrics, ...errors },
      },
    },
    async (request) => reviewerMetrics(deps.db, request.query, deps.calendarConfig.zone),
  );

  r.get(
    '/lead/pool',
    { onRequest, schema: { summary: "The unassigned pool (or one reviewer's claims), every reviewer's load and a suggested assignee per claim", tags, querystring: PoolQuery, response: { 200: AssignmentPool, ...errors } } },
    async (request) => {
      const { cursor, limit, assigneeId } = request.query;
      const loads = (await deps.db.execute(sql`
        SELECT u.id, u.name, count(c.id)::integer AS open
        FROM users u LEFT JOIN claims c ON c.assignee_id = u.id
          AND ${OPEN_WORK}
        WHERE u.role = 'reviewer'
        GROUP BY u.id, u.name ORDER BY u.name`)) as unknown as { rows: { id: string; name: string; open: number }[] };
      const owner = assigneeId ? sql`c.assignee_id = ${assigneeId}` : sql`c.assignee_id IS NULL`;
      const claims = (await deps.db.execute(sql`
        SELECT c.id, c.number, c.status, c.version, c.data->>'partnerName' AS partner_name, c.data->'customer'->>'name' AS customer_name,
               c.data->'assignee' AS assignee, c.data->>'submittedAt' AS submitted_at,
               ${OPEN_DISPUTE} AS disputed,
               (SELECT e.actor->>'id' FROM audit_events e WHERE e.claim_id = c.id AND e.action = 'reject' ORDER BY e.version DESC LIMIT 1) AS rejected_by
        FROM claims c
        WHERE ${owner} AND ${OPEN_WORK}
          AND ${cursor ? sql`c.number > ${cursor}` : sql`true`}
        ORDER BY c.number LIMIT ${limit + 1}`)) as unknown as {
        rows: { id: string; number: string; status: string; version: number; partner_name: string; customer_name: string; assignee: { id: string; name: string } | null; submitted_at: string | null; disputed: boolean; rejected_by: string | null }[];
      };
      const reviewerLoads = loads.rows.map((l) => ({ id: l.id, name: l.name, openClaims: Number(l.open) }));
      const page = claims.rows.slice(0, limit);
      return {
        loads: reviewerLoads.map((l) => ({ reviewer: { id: l.id, name: l.name }, openClaims: l.openClaims })),
        claims: page.map((c) => {
          // Never the reviewer who rejected a disputed claim; never the one who has it already.
          const exclude = new Set([...(c.disputed && c.rejected_by ? [c.rejected_by] : []), ...(c.assignee ? [c.assignee.id] : [])]);
          const suggested = suggestAssignee(reviewerLoads, exclude);
          return {
            claimId: c.id,
            claimNumber: c.number,
            partnerName: c.partner_name,
            customerName: c.customer_name,
            status: c.status as never,
            version: Number(c.version),
            assignee: c.assignee,
            submittedAt: c.submitted_at,
            disputed: c.disputed,
            suggested: suggested ? { id: suggested.id, name: suggested.name } : null,
          };
        }),
        nextCursor: claims.rows.length > limit ? page.at(-1)!.number : null,
      };
    },
  );

  r.get('/lead/qa/rule', { onRequest, schema: { summary: 'The QA sampling rule', tags, response: { 200: QaSamplingRule, ...errors } } }, async () => currentQaRule(deps.db));

  r.put(
    '/lead/qa/rule',
    { onRequest, schema: { summary: 'Change the QA sampling rule (its revision goes up; decisions record the revision that sampled them)', tags, body: QaRuleBody, response: { 200: QaSamplingRule, ...errors } } },
    async (request) =>
      deps.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM qa_rule WHERE id = 1 FOR UPDATE`);
        const rule = { ...request.body, revision: (await currentQaRule(tx)).revision + 1 };
        await tx.update(qaRule).set({ rule, changedAt: new Date(deps.clock.now()), changedBy: userOf(request).id }).where(eq(qaRule.id, 1));
        return rule;
      }),
  );

  r.get(
    '/lead/qa/disagreements',
    { onRequest, schema: { summary: 'QA disagreements waiting for the lead: the first decision, the QA verdict and where they differ', tags, response: { 200: QaDisagreementList, ...errors } } },
    async () => {
      const rows = (await deps.db.execute(sql`
        SELECT c.id, c.number, c.version, c.status, c.data->'qa' AS qa, t.id AS task_id
        FROM qa_tasks t JOIN claims c ON c.id = t.claim_id
        WHERE t.state = 'disagreed' ORDER BY t.opened_at LIMIT 500`)) as unknown as { rows: { id: string; number: string; version: number; status: string; qa: QaTask[]; task_id: string }[] };
      return {
        disagreements: rows.rows.map((row) => ({
          claimId: row.id,
          claimNumber: row.number,
          claimVersion: Number(row.version),
          status: row.status as never,
          task: row.qa.find((t) => t.id === row.task_id)!,
        })),
      };
    },
  );

  // ---- a reviewer's QA tasks ------------------------------------------------------------------
  const reviewer = requireUser(deps.sessions, ['reviewer', 'team_lead']);

  r.get(
    '/qa/tasks',
    { onRequest: reviewer, schema: { summary: 'My open QA tasks', tags: ['qa'], response: { 200: QaTaskList, ...errors } } },
    async (request) => {
      const rows = (await deps.db.execute(sql`
        SELECT t.id, t.claim_id, c.number, c.data->>'partnerName' AS partner_name, t.opened_at
        FROM qa_tasks t JOIN claims c ON c.id = t.claim_id
        WHERE t.qa_reviewer_id = ${userOf(request).id} AND t.state = 'open' ORDER BY t.opened_at LIMIT 500`)) as unknown as {
        rows: { id: string; claim_id: string; number: string; partner_name: string; opened_at: string | Date }[];
      };
      return { tasks: rows.rows.map((t) => ({ taskId: t.id, claimId: t.claim_id, claimNumber: t.number, partnerName: t.partner_name, openedAt: new Date(t.opened_at).toISOString() })) };
    },
  );

  r.get(
    '/qa/tasks/:taskId',
    { onRequest: reviewer, schema: { summary: 'One of my QA tasks: the claim as it stood before the decision, blind until my verdict is recorded', tags: ['qa'], params: QaTaskParams, response: { 200: QaTaskView, ...errors } } },
    async (request) => {
      const me = userOf(request);
      const [row] = ((await deps.db.execute(sql`SELECT claim_id FROM qa_tasks WHERE id = ${request.params.taskId} AND qa_reviewer_id = ${me.id}`)) as unknown as { rows: { claim_id: string }[] }).rows;
      const claim = row ? await readClaim(deps.db, row.claim_id) : null;
      const task = claim?.qa.find((t) => t.id === request.params.taskId);
      if (!claim || !task) throw new HttpError(404, 'qa_task_not_found', 'You have no such QA task. Reload your QA tasks.');
      return {
        taskId: task.id,
        state: task.state,
        claim: qaBlindView(claim, task),
        baseVersion: claim.version,
        comparison: qaComparison(claim, task),
      };
    },
  );
}
