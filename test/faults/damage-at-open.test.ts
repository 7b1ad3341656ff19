// Issue 14, item 6 (the part landed): every damage found at open is shown to the reviewer through
// sync.status (a notice the app's banner shows), with what was kept aside and where, not only in
// an openReport that the Electron main process and npm run web ignore.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';

describe('damage found when the engine opens', () => {
  it('is a notice naming the file and where it was kept aside, until dismissed', async () => {
    const dir = await tempDir('damage-notice');
    await writeFile(path.join(dir, 'drafts.json'), '{"sha256":"0"}\n{"format":1,"drafts":{}}');
    await writeFile(path.join(dir, 'conflicts.json'), 'not a store file');
    const engine = await Engine.open({ dataDir: dir, autoSync: false });
    try {
      const kept = (await readdir(dir)).filter((f) => f.includes('.damaged-')).sort();
      expect(kept).toHaveLength(2);
      const { notices } = await engine['sync.status']({});
      expect(notices.map((n) => [n.code, n.params.file, n.params.keptAt]).sort()).toEqual([
        ['damaged_file', 'conflicts.json', path.join(dir, kept[0]!)],
        ['damaged_file', 'drafts.json', path.join(dir, kept[1]!)],
      ]);
      const after = await engine['sync.dismissNotice']({ id: notices[0]!.id });
      expect(after.notices.map((n) => n.id)).toEqual([notices[1]!.id]);
    } finally {
      await engine.close();
    }
  });
});
