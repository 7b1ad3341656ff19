// The UI texts: Czech has every English key (with Czech plural forms where English has plurals),
// and every key the renderer's source asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csUi } from '../../../shared/i18n/cs-ui.js';
import { enUi } from '../../../shared/i18n/en-ui.js';
import { createI18n } from '../../../shared/i18n/index.js';

function leaves(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v as object, `${prefix}${k}.`)));
}

const PLURAL = /_(one|other)$/;

function rendererFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk('renderer');
  return files;
}

describe('UI catalogues', () => {
  const en = leaves(enUi);
  const cs = new Set(leaves(csUi));

  it('Czech has every English text, and all four Czech plural forms of each plural', () => {
    for (const key of en) {
      if (!PLURAL.test(key)) expect(cs.has(key), key).toBe(true);
      else for (const form of ['one', 'few', 'many', 'other']) expect(cs.has(key.replace(PLURAL, `_${form}`)), `${key} (${form})`).toBe(true);
    }
  });

  it('Czech has no text English lacks', () => {
    const base = new Set(en.map((k) => k.replace(PLURAL, '')));
    for (const key of cs) expect(base.has(key.replace(/_(one|few|many|other)$/, '')), key).toBe(true);
  });

  it('every literal key used in renderer/ exists in English', () => {
    const files = rendererFiles();
    const known = new Set(en.map((k) => k.replace(PLURAL, '')));
    const used = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.-]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(100);
    for (const key of used) expect(known.has(key), key).toBe(true);
  });

  it('a field MUI marks required (its asterisk) does not say "required" in its label too', () => {
    const files = rendererFiles();
    // A one-line field with the required prop and a literal label: <TextField label={t('ns:key')} required ... />
    const labels = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((line) => /\srequired(\s|=|\/?>)/.test(line)).flatMap((line) => [...line.matchAll(/label=\{t\('([\w:.]+)'\)\}/g)].map((m) => m[1]!)));
    expect(labels).toEqual(expect.arrayContaining(['lead:reopen.justification', 'lead:qa.justification']));
    for (const locale of ['en', 'cs'] as const) {
      const { t } = createI18n(locale);
      for (const key of labels) expect(t(key), `${locale} ${key}`).not.toMatch(/required|povinn/i);
    }
  });

  it('Czech plurals read right', () => {
    const { t } = createI18n('cs');
    expect(t('queue.count', { count: 1 })).toBe('1 žádost');
    expect(t('queue.count', { count: 3 })).toBe('3 žádosti');
    expect(t('queue.count', { count: 50000 })).toBe('50\u00a0000 žádostí');
  });
});
