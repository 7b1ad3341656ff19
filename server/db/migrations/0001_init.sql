-- The claims service's store. Written for PostgreSQL 15 (the production server) and PGlite
-- (PostgreSQL 17/18 in WASM, the embedded default): plain SQL both accept.

CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('partner_admin', 'reviewer', 'team_lead')),
  partner_id    text,
  partner_role  text CHECK (partner_role IN ('billing_admin', 'global_admin', 'incentives_admin')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL,
  -- A partner admin acts for exactly one partner; reviewers and leads for none.
  CHECK ((role = 'partner_admin') = (partner_id IS NOT NULL AND partner_role IS NOT NULL))
);

-- Session tokens are stored as their SHA-256: a leaked table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at   timestamptz
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- One row per claim: the domain's Claim without its history (history is read from audit_events).
CREATE TABLE claims (
  id            uuid PRIMARY KEY,
  number        text NOT NULL UNIQUE,
  partner_id    text NOT NULL,
  tenant_id     uuid NOT NULL,
  status        text NOT NULL,
  assignee_id   text,
  version       integer NOT NULL,
  data          jsonb NOT NULL,
  -- The global change sequence value of the claim's last change: what sync pulls by.
  change_seq    bigint NOT NULL,
  -- When the timer next has work on this claim (domain nextTimerAt), or null.
  next_timer_at timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX claims_change_seq ON claims (change_seq);
CREATE INDEX claims_next_timer_at ON claims (next_timer_at) WHERE next_timer_at IS NOT NULL;
CREATE INDEX claims_partner_id ON claims (partner_id, updated_at);

-- Claim numbers CL-<year>-<nnnnn>, allocated per year under this row's lock.
CREATE TABLE claim_numbers (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

-- The global change sequence, one row: `UPDATE ... SET change_seq = change_seq + 1 RETURNING` holds
-- the row lock until commit, so sequence order is commit order and a pull never skips a change.
-- `floor` is the sequence value the current data starts from: a cookie below it (another store,
-- or data re-seeded since) is unknown and gets a full resync. A new store starts at the current
-- epoch milliseconds, so cookies of an older store on this machine fall below it.
CREATE TABLE sync_state (
  id         integer PRIMARY KEY CHECK (id = 1),
  change_seq bigint NOT NULL,
  floor      bigint NOT NULL
);
INSERT INTO sync_state (id, change_seq, floor)
SELECT 1, s, s FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS s) AS start;

-- The head of the audit hash chain, one row: appends lock it, so the chain is one line.
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Every change to a claim, hash-chained: hash = SHA-256(canonical JSON of the event with prev_hash).
-- `at` is when the service applied the change (for a pushed decision: when it arrived);
-- `decided_at` is when the actor decided, when that was earlier (offline work).
CREATE TABLE audit_events (
  seq         bigint PRIMARY KEY,
  claim_id    uuid NOT NULL REFERENCES claims (id),
  version     integer NOT NULL,
  at          timestamptz NOT NULL,
  decided_at  timestamptz,
  actor       jsonb NOT NULL,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  details     jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  UNIQUE (claim_id, version)
);

-- A desktop installation's sync identity: one user, and the last mutation id processed for it.
CREATE TABLE desktop_clients (
  client_id        uuid PRIMARY KEY,
  user_id          text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_mutation_id integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL
);

-- The outcome of each pushed mutation (applied or refused with the domain's reason), returned by
-- pull. `claim_version` is the version an applied mutation produced (its audit event).
CREATE TABLE mutation_results (
  client_id     uuid NOT NULL REFERENCES desktop_clients (client_id) ON DELETE CASCADE,
  mutation_id   integer NOT NULL,
  claim_id      uuid NOT NULL,
  name          text NOT NULL,
  status        text NOT NULL CHECK (status IN ('applied', 'refused')),
  refusal       jsonb,
  claim_version integer,
  decided_at    timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  change_seq    bigint NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);
CREATE INDEX mutation_results_client_seq ON mutation_results (client_id, change_seq);

-- PoE files, content-addressed: the bytes live in the blob store under their SHA-256.
CREATE TABLE documents (
  sha256     text PRIMARY KEY,
  size       bigint NOT NULL,
  pages      integer,
  encrypted  boolean NOT NULL,
  created_at timestamptz NOT NULL
);

-- Which partner uploaded which file: a dispute may attach only files its own partner uploaded.
CREATE TABLE document_uploads (
  partner_id  text NOT NULL,
  sha256      text NOT NULL REFERENCES documents (sha256),
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (partner_id, sha256)
);

-- Customer opt-out links, created when a claim is approved; stored hashed, usable once.
CREATE TABLE opt_out_tokens (
  token_hash text PRIMARY KEY,
  claim_id   uuid NOT NULL REFERENCES claims (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX opt_out_tokens_claim_id ON opt_out_tokens (claim_id);
