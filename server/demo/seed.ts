// Loads the demo dataset (server/demo/dataset.ts) into a store, replacing what is there: accounts,
// claims with their whole history as one audit hash chain, PoE files, opt-out links of approved
// claims. One transaction: a failed seed leaves the store as it was.
import { randomInt } from 'node:crypto';
import { rebuildLeadViews } from '../lead/decision-log.js';
import { sql } from 'drizzle-orm';
import { Claim, type HistoryEntry } from '../../shared/domain/claim.js';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import { noteAppended, noteChainReset } from '../audit/anchor.js';
import { chainEvent, eventHash, eventRow, GENESIS_HASH } from '../audit/chain.js';
import { createUser } from '../auth/users.js';
import { newClaimRow } from '../claims/records.js';
import type { Clock } from '../clock.js';
import { issueOptOutTokens } from '../customer/opt-out-tokens.js';
import type { Db } from '../db/connect.js';
import { auditEvents, auditHead, claimNumbers, claims, documents, documentUploads, syncState } from '../db/schema.js';
import type { BlobStore } from '../documents/blob-store.js';
import { rebuildScope } from '../sync/scope.js';
import { buildDemoDataset, type DemoDataset } from './dataset.js';

export interface SeedResult {
  users: { username: string; password: string; name: string; role: string; partnerId: string | null }[];
  claims: number;
  events: number;
  documents: number;
  /** Raw opt-out tokens of approved claims (the only copy: the store keeps their hashes). */
  optOutTokens: { claimNumber: string; token: string }[];
}

const BATCH = 200;

const WORDS = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lagoon', 'maple', 'nectar', 'orbit', 'pepper', 'quartz', 'raven', 'saffron', 'tundra', 'umber', 'velvet', 'willow', 'zephyr'];

/** A password for one demo account of one install: three words and a number, from the OS's CSPRNG. */
function demoPassword(): string {
  const word = () => WORDS[randomInt(WORDS.length)]!;
  return `${word()}-${word()}-${word()}-${randomInt(10, 100)}`;
}

type SeedDeps = { db: Db; blobs: BlobStore; clock: Clock; calendar: BusinessCalendar };

export async function seedDemo(deps: SeedDeps, seed?: number): Promise<SeedResult> {
  const dataset = await buildDemoDataset({ now: deps.clock.now(), calendar: deps.calendar, ...(seed === undefined ? {} : { seed }) });
  return loadDataset(deps, dataset);
}

/** Replaces the store's contents with a dataset built for the deps' clock and calendar. */
export async function loadDataset(deps: SeedDeps, dataset: DemoDataset): Promise<SeedResult> {
  const now = deps.clock.now();
  const all = dataset.claims.map((c) => Claim.parse(c));

  // Blobs first (outside the transaction; content-addressed, so a retry rewrites nothing).
  for (const [sha256, bytes] of dataset.blobs) {
    const put = await deps.blobs.put(bytes);
    if (put.sha256 !== sha256) throw new Error(`demo blob listed as ${sha256} hashes to ${put.sha256}`);
  }

  return deps.db.transaction(async (tx) => {
    await tx.execute(
      sql.raw(
        'TRUNCATE decision_log, claim_clocks, clock_tally, qa_tasks, reviewer_decision_counts, scope_members, opt_out_tokens, mutation_results, desktop_clients, audit_events, document_uploads, documents, claims, claim_numbers, sessions, users',
      ),
    );
    await tx.update(auditHead).set({ seq: 0, hash: GENESIS_HASH });
    noteChainReset();
    // Cookies of the data being replaced fall below the new floor: desktops resync from scratch.
    const [state] = await tx
      .update(syncState)
      .set({ changeSeq: sql`${syncState.changeSeq} + 1`, floor: sql`${syncState.changeSeq} + 1` })
      .returning();

    const passwords = new Map(dataset.users.map((u) => [u.id, demoPassword()]));
    for (const user of dataset.users) {
      await createUser(tx, deps.clock, {
        id: user.id,
        username: user.username,
        password: passwords.get(user.id)!,
        name: user.name,
        role: user.role,
        ...(user.partnerId ? { partnerId: user.partnerId } : {}),
        ...(user.partnerRole ? { partnerRole: user.partnerRole } : {}),
      });
    }

    // Documents, and which partner uploaded them.
    const docs = new Map<string, { size: number; pages: number | null; encrypted: boolean; uploadedAt: string }>();
    const uploads = new Map<string, { partnerId: string; sha256: string; uploadedAt: string }>();
    for (const claim of all) {
      for (const d of claim.documents) {
        if (!dataset.blobs.has(d.sha256)) throw new Error(`demo claim ${claim.number} cites ${d.name} (${d.sha256}) but the dataset has no such file`);
        if (!docs.has(d.sha256)) docs.set(d.sha256, { size: d.size, pages: d.pages, encrypted: d.encrypted, uploadedAt: d.uploadedAt });
        uploads.set(`${claim.partnerId}/${d.sha256}`, { partnerId: claim.partnerId, sha256: d.sha256, uploadedAt: d.uploadedAt });
      }
    }
    for (const chunk of chunks([...docs], BATCH)) {
      await tx.insert(documents).values(chunk.map(([sha256, d]) => ({ sha256, size: d.size, pages: d.pages, encrypted: d.encrypted, createdAt: new Date(d.uploadedAt) })));
    }
    for (const chunk of chunks([...uploads.values()], BATCH)) {
      await tx.insert(documentUploads).values(chunk.map((u) => ({ ...u, uploadedAt: new Date(u.uploadedAt) })));
    }

    // Claims, numbered in the change sequence in the order they last changed.
    const byUpdate = [...all].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.number.localeCompare(b.number));
    let seq = state!.changeSeq;
    for (const chunk of chunks(byUpdate, BATCH)) {
      await tx.insert(claims).values(chunk.map((claim) => newClaimRow(claim, ++seq)));
    }
    await tx.update(syncState).set({ changeSeq: seq });

    // One hash chain over every history entry, in the order things happened.
    const entries: { claimId: string; entry: HistoryEntry }[] = all.flatMap((c) => c.history.map((entry) => ({ claimId: c.id, entry })));
    entries.sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.claimId.localeCompare(b.claimId) || a.entry.version - b.entry.version);
    let prevHash = GENESIS_HASH;
    const rows: (typeof auditEvents.$inferInsert)[] = [];
    entries.forEach(({ claimId, entry }, i) => {
      const event = chainEvent(i + 1, claimId, entry, prevHash);
      prevHash = eventHash(event);
      rows.push(eventRow(event, prevHash));
    });
    for (const chunk of chunks(rows, BATCH)) await tx.insert(auditEvents).values(chunk);
    await tx.update(auditHead).set({ seq: rows.length, hash: prevHash });
    noteAppended({ seq: rows.length, hash: prevHash });
    await rebuildLeadViews(tx);

    // Numbering continues after the demo's claims.
    const lastByYear = new Map<number, number>();
    for (const claim of all) {
      const [, year, n] = claim.number.split('-');
      lastByYear.set(Number(year), Math.max(lastByYear.get(Number(year)) ?? 0, Number(n)));
    }
    if (lastByYear.size > 0) await tx.insert(claimNumbers).values([...lastByYear].map(([year, last]) => ({ year, last })));

    // Each desk user's scope, from the claims and their history (desks resync into it).
    await rebuildScope(tx, now);

    const links = await issueOptOutTokens(tx, all, now);
    const optOutTokens: SeedResult['optOutTokens'] = all.flatMap((claim, i) => (links[i] ? [{ claimNumber: claim.number, token: links[i].token }] : []));

    return {
      users: dataset.users.map((u) => ({ username: u.username, password: passwords.get(u.id)!, name: u.name, role: u.role, partnerId: u.partnerId ?? null })),
      claims: all.length,
      events: rows.length,
      documents: docs.size,
      optOutTokens,
    };
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
