-- Placeholders for the change sequence and the audit chain while a transaction does its work
-- (server/claims/sealing.ts): rows are written with -nextval('pending_seq') and given their true
-- numbers in one statement just before commit, so the sync_state and audit_head row locks are held
-- for that statement and the commit, not for the whole transaction. A sequence, because
-- placeholders must differ between transactions running at once (audit_events.seq and
-- decision_log.id are unique) and nextval takes no lock a transaction keeps.
CREATE SEQUENCE pending_seq;
