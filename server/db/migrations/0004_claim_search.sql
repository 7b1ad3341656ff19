-- The desk's "Everyone" search (issue 17): words of a claim's number, partner ID and name, customer
-- name and tenant ID, folded to lower case without Czech diacritics, in a GIN index, so a search
-- by prefix of each word ("dvor 2026-0004") reads the index however many claims the service holds.
-- The query (server/sync/desk-claims.ts) uses the same expression (server/db/schema.ts claimSearchVector).
CREATE INDEX claims_search ON claims USING gin (
  to_tsvector('simple'::regconfig, translate(lower(number || ' ' || partner_id || ' ' || coalesce(data->>'partnerName', '') || ' ' || coalesce(data->'customer'->>'name', '') || ' ' || tenant_id::text), 'áäčďéěíĺľňóôöŕřšťúůüýž', 'aacdeeillnooorrstuuuyz'))
);
