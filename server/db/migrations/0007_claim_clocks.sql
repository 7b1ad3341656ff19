-- The SLA board's running clocks out of the claims' JSON (the board read each claim's clocks from its
-- TOASTed data with jsonb_each: 23.6 s at 1,000,000 claims). Both tables are kept by
-- server/lead/clock-index.ts in the transaction of each change.

-- One row per claim and board clock while it runs (claims not in draft), with the claim's assignee.
-- The board counts exactly from here only the clocks due in the hours holding one of its bucket
-- boundaries, and the overdue list reads it oldest due first; (due_at, clock, assignee_id) serves
-- both from the index alone.
CREATE TABLE claim_clocks (
  claim_id    uuid NOT NULL,
  clock       text NOT NULL,
  due_at      timestamptz NOT NULL,
  assignee_id text,
  PRIMARY KEY (claim_id, clock)
);
CREATE INDEX claim_clocks_due ON claim_clocks (due_at, clock, assignee_id);

-- How many of those clocks are due in each hour, per clock and assignee, as signed deltas: a change
-- appends +1 / -1 rows (never updates one, so concurrent changes take no lock here) and the board
-- sums them, folding each key's rows into one as it reads. Counting every running clock by index
-- (2,000,000 entries at 1,000,000 claims) took 0.5-1.2 s under load; hours are tens of thousands of
-- rows at most, and the clocks due in the two or three boundary hours a few thousand.
CREATE TABLE clock_tally (
  clock       text NOT NULL,
  assignee_id text,
  due_hour    timestamptz NOT NULL,
  n           integer NOT NULL
);

-- The claims stored before: the same rows clock-index.ts writes (the board's clocks, running, not draft).
INSERT INTO claim_clocks (claim_id, clock, due_at, assignee_id)
SELECT c.id, e.key, (e.value->>'dueAt')::timestamptz, c.assignee_id
FROM claims c CROSS JOIN LATERAL jsonb_each(c.data->'clocks') AS e
WHERE c.status <> 'draft'
  AND e.key IN ('submitted_sla', 'review_sla', 'overall_sla', 'dispute_sla', 'partner_response')
  AND e.value->>'state' = 'running';
INSERT INTO clock_tally (clock, assignee_id, due_hour, n)
SELECT clock, assignee_id, date_bin('1 hour', due_at, '2000-01-01T00:00:00Z'), count(*) FROM claim_clocks GROUP BY 1, 2, 3;
