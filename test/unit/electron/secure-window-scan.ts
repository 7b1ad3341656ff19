// The CI check behind secure-windows.test.ts: finds every `new BrowserWindow(...)` in a source file
// with the TypeScript compiler API (aliases of an imported BrowserWindow and `electron.BrowserWindow`
// included) and reports each one whose options do not literally set the renderer's four security
// settings. "Literally": an options variable, a spread or a computed value could hide anything, so
// only an object literal with the boolean written out passes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

export const REQUIRED = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true } as const;

export interface Finding {
  file: string;
  line: number;
  problem: string;
}

const SOURCE = /\.(c|m)?(t|j)sx?$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'release', '.git', 'coverage', 'test-results', '.data']);

/** Every source file under `root`, except dependencies, build output and `skip` (relative paths). */
export async function sourceFiles(root: string, skip: readonly string[] = []): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (skip.includes(relative)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
      } else if (SOURCE.test(entry.name)) {
        found.push(full);
      }
    }
  };
  await walk(root);
  return found;
}

const propertyName = (name: ts.PropertyName): string | null => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null);

function checkOptions(options: ts.Expression | undefined): string[] {
  if (!options) return ['no options: the webPreferences must be written out'];
  if (!ts.isObjectLiteralExpression(options)) return ['options are not an object literal, so the security settings cannot be seen'];
  const prefs = options.properties.filter((p) => ts.isPropertyAssignment(p) && propertyName(p.name) === 'webPreferences').at(-1) as ts.PropertyAssignment | undefined;
  if (!prefs) return ['no webPreferences'];
  if (options.properties.some((p) => ts.isSpreadAssignment(p))) return ['a spread in the options could replace webPreferences'];
  if (!ts.isObjectLiteralExpression(prefs.initializer)) return ['webPreferences is not an object literal'];
  const literal = prefs.initializer;
  if (literal.properties.some((p) => ts.isSpreadAssignment(p))) return ['a spread in webPreferences could override the security settings'];
  const problems: string[] = [];
  for (const [key, wanted] of Object.entries(REQUIRED)) {
    const assignment = literal.properties.filter((p) => ts.isPropertyAssignment(p) && propertyName(p.name) === key).at(-1) as ts.PropertyAssignment | undefined;
    const kind = wanted ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword;
    if (!assignment) problems.push(`${key} is not set (must be ${wanted})`);
    else if (assignment.initializer.kind !== kind) problems.push(`${key} must be literally ${wanted}`);
  }
  const shorthand = literal.properties.find((p) => ts.isShorthandPropertyAssignment(p) && p.name.text in REQUIRED);
  if (shorthand) problems.push(`${(shorthand as ts.ShorthandPropertyAssignment).name.text} is a variable, not a literal`);
  return problems;
}

/** Findings in one file's text. */
export function scanSource(file: string, text: string): Finding[] {
  if (!text.includes('BrowserWindow')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  // Local names that stand for BrowserWindow: itself, and `import { BrowserWindow as X }`.
  const names = new Set(['BrowserWindow']);
  source.forEachChild(function collect(node) {
    if (ts.isImportSpecifier(node) && (node.propertyName ?? node.name).text === 'BrowserWindow') names.add(node.name.text);
    if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && node.propertyName && ts.isIdentifier(node.propertyName) && node.propertyName.text === 'BrowserWindow') names.add(node.name.text);
    node.forEachChild(collect);
  });
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression;
      const isWindow = (ts.isIdentifier(callee) && names.has(callee.text)) || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'BrowserWindow');
      if (isWindow) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        for (const problem of checkOptions(node.arguments?.[0])) findings.push({ file, line, problem });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return findings;
}

export async function scanFiles(files: readonly string[]): Promise<Finding[]> {
  const all = await Promise.all(files.map(async (file) => scanSource(file, await readFile(file, 'utf8'))));
  return all.flat();
}
