-- Each desk user's scope (issue 17): which claims their desk holds, decided by the service.
-- One row per (user, claim) the user has or had a reason to hold. `held`: a standing reason (the
-- claim is assigned to them and still open; for a lead: open and unassigned, or overdue).
-- `acted_at`: when they last acted on it (decided, commented, assigned). `visible` is what their
-- desk was last told; `change_seq` moves (in the transaction of the claim change, or of the ageing
-- that hid it) whenever a visible claim changes or the row's visibility flips, so a pull reads the
-- user's own rows by (user_id, change_seq) and costs its changes, whatever the service holds.
CREATE TABLE scope_members (
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  claim_id   uuid NOT NULL REFERENCES claims (id),
  held       boolean NOT NULL,
  acted_at   timestamptz,
  visible    boolean NOT NULL,
  change_seq bigint NOT NULL,
  PRIMARY KEY (user_id, claim_id)
);
CREATE INDEX scope_members_pull ON scope_members (user_id, change_seq);
CREATE INDEX scope_members_claim ON scope_members (claim_id);
-- What ages out: visible by a past action only, ordered by that action's time.
CREATE INDEX scope_members_ageing ON scope_members (user_id, acted_at) WHERE visible AND NOT held;
-- The scope's size, for the first sync's progress.
CREATE INDEX scope_members_visible ON scope_members (user_id) WHERE visible;

-- How many days a claim stays on the desk of someone who acted on it (SCOPE_RECENT_DAYS), and
-- whether scope_members describes the claims: a store migrated from 0001 has claims but no rows
-- yet, and the service builds them (server/sync/scope.ts, rebuildScope) the first time it starts.
ALTER TABLE sync_state ADD COLUMN scope_recent_days integer NOT NULL DEFAULT 30 CHECK (scope_recent_days > 0);
ALTER TABLE sync_state ADD COLUMN scope_built boolean NOT NULL DEFAULT false;
