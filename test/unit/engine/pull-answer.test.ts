// The engine's boundary for pull pages (electron/engine/server-client.ts): a page is parsed with
// the contract's schema, compiled once for speed, and must keep the runtime parser's answers: a
// page that breaks the contract anywhere in a claim is refused with what to check, and a good one
// comes out as the schema makes it (instants canonical, defaults filled in).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerClient, UnreachableError } from '../../../electron/engine/server-client.js';
import { PullResponse } from '../../../shared/contract/sync.js';
import { makeClaim } from './fixtures.js';

let server: Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

/** A claims service whose every answer is `body`. */
async function serviceAnswering(body: unknown): Promise<ServerClient> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new ServerClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'token' });
}

const wire = (claims: unknown[]) => ({ reset: true, cookie: 7, lastMutationId: 0, claims, removed: [], total: claims.length, mutationResults: [], more: false });
const aClaim = () => JSON.parse(JSON.stringify(makeClaim({ inReview: true }))) as Record<string, unknown> & { history: Record<string, unknown>[] };

describe('a pull page from the claims service', () => {
  it('comes out as the contract parses it: instants made canonical, defaults filled in', async () => {
    const claim = aClaim();
    claim.updatedAt = '2026-03-02T09:00:00+01:00';
    delete claim.qa;
    const raw = wire([aClaim(), claim]);
    const client = await serviceAnswering(raw);
    const page = await client.pull({ clientId: crypto.randomUUID(), cookie: null });
    expect(page).toEqual(PullResponse.parse(raw));
    expect(page.claims[1]!.updatedAt).toBe('2026-03-02T08:00:00.000Z');
    expect(page.claims[1]!.qa).toEqual([]);
  });

  it.each([
    ['an unknown status', (c: ReturnType<typeof aClaim>) => (c.status = 'archived')],
    ['an id that is not a UUID', (c: ReturnType<typeof aClaim>) => (c.id = 'claim-1')],
    ['an instant that is not a date', (c: ReturnType<typeof aClaim>) => (c.history.at(-1)!.at = 'yesterday')],
    ['a field the contract does not know', (c: ReturnType<typeof aClaim>) => (c.archivedBy = 'someone')],
  ])('is refused, with what to check, when a claim carries %s', async (_what, spoil) => {
    const bad = aClaim();
    spoil(bad);
    const client = await serviceAnswering(wire([aClaim(), bad]));
    const answer = client.pull({ clientId: crypto.randomUUID(), cookie: null });
    await expect(answer).rejects.toBeInstanceOf(UnreachableError);
    await expect(answer).rejects.toThrow(/answered POST \/sync\/pull in an unexpected form; check that it is a PoE Desk server of this version/);
  });
});
