// The early first page (issue 18.2): documents.list's answer is read there without zod, so what it
// opened and drew reaches the claim view only when the view's parsed list names the same document
// at the same address; anything else is let go of.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarlyPages } from '../../../renderer/viewer/first-page.js';
import { dropFirstPage, firstListed, hasFirstPage, holdFirstPage, takeFirstDocument, takeFirstPages } from '../../../renderer/viewer/first-page.js';
import type { OpenedDocument } from '../../../renderer/viewer/pdfjs.js';

const CLAIM = '0f667275-c099-48d3-8c2e-02d17aad483c';
const SHA = 'a'.repeat(64);
const URL_OF = `/poe/${SHA}`;

function opened(): OpenedDocument & { close: ReturnType<typeof vi.fn> } {
  return { task: {} as OpenedDocument['task'], onPassword: () => undefined, close: vi.fn(async () => undefined) };
}

function pages(): EarlyPages & { removed: () => boolean } {
  let removed = false;
  const container = { remove: () => void (removed = true), removeAttribute: () => undefined } as unknown as HTMLDivElement;
  return { container, viewer: {} as HTMLDivElement, page1: null, removed: () => removed };
}

beforeEach(() => {
  vi.stubGlobal('window', { location: { hash: `#/claim/${CLAIM}` }, addEventListener: () => undefined, removeEventListener: () => undefined });
});
afterEach(() => {
  dropFirstPage();
  vi.unstubAllGlobals();
});

describe('firstListed', () => {
  it('reads the first entry of a list shaped as documents.list answers', () => {
    expect(firstListed([{ sha256: SHA, url: URL_OF, name: 'poe.pdf' }, { sha256: 'b'.repeat(64), url: '/poe/b' }])).toEqual({ sha256: SHA, url: URL_OF });
  });

  it.each([
    ['null (the engine refused)', null],
    ['an empty list', []],
    ['an object, not a list', { sha256: SHA, url: URL_OF }],
    ['an entry without url', [{ sha256: SHA }]],
    ['a url that is not text', [{ sha256: SHA, url: 42 }]],
    ['a sha256 that is not text', [{ sha256: null, url: URL_OF }]],
    ['an entry that is not an object', ['poe.pdf']],
  ])('has nothing to open for %s', (_what, answer) => {
    expect(firstListed(answer)).toBeUndefined();
  });
});

describe('taking what was opened early', () => {
  it('gives the document and the pages to the view whose parsed list names the same document at the same address', () => {
    const doc = opened();
    const early = pages();
    holdFirstPage({ claimId: CLAIM, sha256: SHA, url: URL_OF, opened: doc, pages: early });
    expect(takeFirstDocument(SHA, URL_OF)).toBe(doc);
    expect(takeFirstPages(SHA)).toBe(early);
    expect(hasFirstPage()).toBe(false);
    expect(doc.close).not.toHaveBeenCalled();
  });

  it('lets go of both when the parsed list names that document at another address', () => {
    const doc = opened();
    const early = pages();
    holdFirstPage({ claimId: CLAIM, sha256: SHA, url: '/elsewhere', opened: doc, pages: early });
    expect(takeFirstDocument(SHA, URL_OF)).toBeNull();
    expect(doc.close).toHaveBeenCalledOnce();
    expect(early.removed()).toBe(true);
    expect(takeFirstPages(SHA)).toBeNull();
    expect(hasFirstPage()).toBe(false);
  });

  it('keeps them for their own document while the view loads another first', () => {
    const doc = opened();
    holdFirstPage({ claimId: CLAIM, sha256: SHA, url: URL_OF, opened: doc, pages: pages() });
    expect(takeFirstDocument('b'.repeat(64), '/poe/b')).toBeNull();
    expect(doc.close).not.toHaveBeenCalled();
    expect(hasFirstPage()).toBe(true);
  });
});
