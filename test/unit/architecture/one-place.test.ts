// One actor mapping and one role list, in shared/domain/users.ts (issue 15): a rule that
// dependency-cruiser cannot express (a copy imports nothing), so this test reads the sources of
// every side and fails on a second definition of actorOf, a user-to-actor mapping written out
// again, or a role list spelled out as literals outside shared/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const SIDES = ['server', 'electron', 'renderer', 'scripts', 'platform'];

/**
 * Copies that were there when the rule was written, in files another piece of work owns now
 * (the lead's service routes and metrics); each is to go to DESK_ROLES. A new copy fails.
 */
const KNOWN: Record<string, number> = { 'server/lead/routes.ts': 1, 'server/lead/metrics-query.ts': 1 };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The lines of the sides' sources (outside shared/) matching `pattern`, as `file: line`. */
function occurrences(pattern: RegExp): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of SIDES.flatMap(sources)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => pattern.test(l));
    if (lines.length > 0) found.set(file, lines.map((l) => l.trim()));
  }
  return found;
}

describe('one actor mapping and one role list, in shared/', () => {
  it('defines actorOf only in shared/domain/users.ts', () => {
    expect([...occurrences(/function actorOf\b|\bactorOf\s*=/).keys()]).toEqual([]);
  });

  it('maps a user to an actor nowhere else (an actor built from a role)', () => {
    expect([...occurrences(/kind:\s*\w+(\.\w+)*\.role\b/).keys()]).toEqual([]);
  });

  it('spells out no list of desk or user roles outside shared/ beyond the known copies', () => {
    const roleList = /['"](reviewer|team_lead|partner_admin)['"]\s*,\s*['"](reviewer|team_lead|partner_admin)['"]/;
    const found = occurrences(roleList);
    const unexpected = [...found].filter(([file, lines]) => lines.length > (KNOWN[file] ?? 0));
    expect(unexpected).toEqual([]);
  });

  it('finds a role list where one is written (the pattern is not blind)', () => {
    const roleList = /['"](reviewer|team_lead|partner_admin)['"]\s*,\s*['"](reviewer|team_lead|partner_admin)['"]/;
    expect(roleList.test(readFileSync(join(root, 'shared/domain/users.ts'), 'utf8'))).toBe(true);
  });
});
