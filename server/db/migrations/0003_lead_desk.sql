-- The team lead's desk (issue 16): the decision log as a read model of the audit log (one row per
-- decision, and per refused decision from a desktop), the QA sampling rule, and the QA tasks index.

-- Claims stored before QA second review existed have no QA tasks.
UPDATE claims SET data = jsonb_set(data, '{qa}', '[]'::jsonb) WHERE NOT (data ? 'qa');

-- One row per decision: applied ones are derived from audit_events (id 'e<seq>'), refused ones from
-- a desktop's push (id 'r<client>:<mutation>'). Written in the transaction of the change.
CREATE TABLE decision_log (
  id            text PRIMARY KEY,
  claim_id      uuid NOT NULL,
  claim_number  text NOT NULL,
  partner_id    text NOT NULL,
  partner_name  text NOT NULL,
  customer_name text NOT NULL,
  products      text[] NOT NULL,
  reviewer_id   text NOT NULL,
  reviewer_name text NOT NULL,
  action        text NOT NULL,
  -- PAR reason codes and the rejection reason.
  reasons       text[] NOT NULL,
  -- The dispute outcome, QA verdict outcome or QA resolution, where the action has one.
  verdict       text,
  checklist     jsonb,
  comment       text,
  decided_at    timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  offline       boolean NOT NULL,
  time_spent_ms integer,
  claim_version integer NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('applied', 'refused')),
  refusal       jsonb,
  qa_state      text,
  qa_disagreed  boolean NOT NULL DEFAULT false
);
CREATE INDEX decision_log_decided ON decision_log (decided_at, id);
CREATE INDEX decision_log_reviewer ON decision_log (reviewer_id, decided_at, id);
CREATE INDEX decision_log_action ON decision_log (action, decided_at, id);
CREATE INDEX decision_log_partner ON decision_log (partner_id, decided_at, id);
CREATE INDEX decision_log_claim ON decision_log (claim_id, claim_version);
CREATE INDEX decision_log_offline ON decision_log (decided_at, id) WHERE offline;
CREATE INDEX decision_log_refused ON decision_log (decided_at, id) WHERE outcome = 'refused';
CREATE INDEX decision_log_qa_disagreed ON decision_log (decided_at, id) WHERE qa_disagreed;
CREATE INDEX decision_log_products ON decision_log USING gin (products);
CREATE INDEX decision_log_reasons ON decision_log USING gin (reasons);

-- The QA sampling rule (shared/domain/qa.ts QaSamplingRule), one row; leads change it.
CREATE TABLE qa_rule (
  id         integer PRIMARY KEY CHECK (id = 1),
  rule       jsonb NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text
);
INSERT INTO qa_rule (id, rule, changed_at) VALUES (1, '{"revision":1,"defaultShare":0.1,"firstDecisions":20,"perReviewer":{}}', now());

-- How many QA-sampled kinds of decision each reviewer has made: the ordinal the rule's "first N" reads.
CREATE TABLE reviewer_decision_counts (
  reviewer_id text PRIMARY KEY,
  decisions   integer NOT NULL
);

-- QA tasks as an index over claims.data->'qa' (the domain's truth): whose tasks are open, how loaded
-- each QA reviewer is, which claims have a disagreement for the lead.
CREATE TABLE qa_tasks (
  id               uuid PRIMARY KEY,
  claim_id         uuid NOT NULL REFERENCES claims (id),
  decision_version integer NOT NULL,
  qa_reviewer_id   text NOT NULL,
  state            text NOT NULL CHECK (state IN ('open', 'agreed', 'disagreed', 'resolved')),
  opened_at        timestamptz NOT NULL
);
CREATE INDEX qa_tasks_reviewer ON qa_tasks (qa_reviewer_id, state);
CREATE INDEX qa_tasks_state ON qa_tasks (state, opened_at);
CREATE INDEX qa_tasks_claim ON qa_tasks (claim_id);

-- The SLA board and the assignment pool read claims by assignee and status.
CREATE INDEX claims_assignee_status ON claims (assignee_id, status);
