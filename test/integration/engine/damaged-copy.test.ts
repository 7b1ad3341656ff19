// Issue 18, point 6: a PoE copy on this computer that was damaged after its download (a disk error,
// a restored backup, a hand edit) is found by its SHA-256 at its first open after a start, removed,
// reported as the local copy's damage (not the partner's upload), and fetched again.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { assignAll, type ClaimsService, people, type People, serverClaim, startClaimsService, submittedClaims } from './claims-service.js';

describe('a damaged local PoE copy', () => {
  let service: ClaimsService;
  let who: People;
  let claimId: string;
  let dataDir: string;
  let engine: Engine | null = null;
  let host: RunningHost | null = null;

  const open = async () => {
    engine = await Engine.open({ dataDir, serverUrl: service.url, autoSync: false, documentUrl: (sha) => `/poe/${sha}` });
    host = await startHost({ engine, rendererDir: await tempDir('renderer') });
    return { engine, host };
  };
  const close = async () => {
    await host?.close();
    await engine?.close();
    host = null;
    engine = null;
  };

  beforeAll(async () => {
    service = await startClaimsService();
    who = await people(service);
    [claimId] = (await submittedClaims(service, who.partner, 1)) as [string];
    await assignAll(service, who.lead, [claimId], who.reviewer);
    dataDir = await tempDir('damaged-copy');
    const { engine } = await open();
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    // The first sync downloads the PoE of her assigned claim.
    await engine['sync.now']({});
    await close();
  });
  afterAll(async () => {
    await close();
    await service?.close();
  });

  it('is found at its first open after a start, said to be damaged, and fetched again', async () => {
    const sha = (await serverClaim(service, claimId)).documents[0]!.sha256 as string;
    const file = path.join(dataDir, 'documents', sha);
    const original = await readFile(file);
    const damaged = Buffer.from(original);
    damaged.write('DAMAGED', 200, 'latin1');
    await writeFile(file, damaged);

    const { engine, host } = await open();
    expect(engine.documentsDir).toBe(path.dirname(file));
    const api = (channel: string, args: unknown) =>
      fetch(`${host.origin}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-poe-token': host.token }, body: JSON.stringify(args) });
    const [listed] = (await (await api('documents.list', { claimId })).json()) as { sha256: string; url: string; cached: boolean; damaged: boolean }[];
    expect(listed).toMatchObject({ sha256: sha, cached: false, damaged: true });
    // What the viewer reads is the partner's file again, never the damaged bytes.
    const served = await fetch(`${host.origin}${listed!.url}`, { headers: { 'x-poe-token': host.token } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(original)).toBe(true);
    expect((await readFile(file)).equals(original)).toBe(true);
    expect((await (await api('documents.list', { claimId })).json())[0]).toMatchObject({ cached: true, damaged: false });
  });
});
