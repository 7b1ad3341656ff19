// The ledger tells a lost decision from a kept one by claim, action, moment and arguments: two
// comments on one claim in the same millisecond are two decisions, and losing one of them is noticed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxLedger } from '../../../electron/engine/outbox-ledger.js';
import type { OutboxMutation } from '../../../electron/engine/store-files.js';
import { tempDir } from './fixtures.js';

const clientId = crypto.randomUUID();
const claimId = crypto.randomUUID();
const decidedAt = '2026-12-03T05:51:38.504Z';
const comment = (id: number, text: string): OutboxMutation => ({
  kind: 'mutation',
  clientId,
  actor: { kind: 'reviewer', id: 'u1', name: 'Jana Svobodová' },
  mutation: { id, claimId, name: 'comment', args: { commentId: crypto.randomUUID(), text }, baseVersion: 1, decidedAt },
});
const write = async (write: () => Promise<void>) => write();

describe('outbox ledger', () => {
  it('counts each of two decisions made in the same millisecond on one claim, when one or both are lost', async () => {
    const file = path.join(await tempDir('ledger'), 'outbox-ledger.json');
    const records = [comment(1, 'one'), comment(2, 'two'), comment(3, 'three')];
    const none = { clientId, conflicts: [], isSettled: () => false };
    await (await OutboxLedger.open(file, { ...none, records }, write)).flush();

    const oneKept = await OutboxLedger.open(file, { ...none, records: records.slice(0, 2) }, write);
    expect(oneKept.lost.map((l) => l.id)).toEqual([3]);
    await oneKept.forget(clientId, records);
    await oneKept.flush();

    const bothLost = await OutboxLedger.open(file, { ...none, records: records.slice(0, 1) }, write);
    expect(bothLost.lost.map((l) => l.id)).toEqual([2, 3]);
  });
});
