// The early first page (issue 18.2): documents.list's answer is read there without zod, so what it
// opened and drew reaches the claim view only when the view's parsed list names the same document
// at the same address; anything else is let go of.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarlyPages } from '../../../renderer/viewer/first-page.js';
import { dropFirstPage, fetchWholeEarly, firstListed, hasFirstPage, holdFirstPage, takeFirstDocument, takeFirstPages, WHOLE_EARLY_MAX_BYTES } from '../../../renderer/viewer/first-page.js';
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
    expect(firstListed([{ sha256: SHA, url: URL_OF, name: 'poe.pdf', size: 18_722 }, { sha256: 'b'.repeat(64), url: '/poe/b' }])).toEqual({ sha256: SHA, url: URL_OF, size: 18_722 });
    expect(firstListed([{ sha256: SHA, url: URL_OF, size: '18722' }])).toEqual({ sha256: SHA, url: URL_OF, size: null });
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

describe('fetching the first document whole at start', () => {
  const HEADERS = { 'x-poe-desk-token': 't' };
  const listed = (size: unknown) => [{ sha256: SHA, url: URL_OF, size }];
  const answering = (status: number, bytes: number) => vi.fn(async () => new Response(status === 200 ? new Uint8Array(bytes) : 'damaged', { status }));

  beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:1234/' }));

  it('fetches a small document from its address with the session headers and gives its bytes', async () => {
    const fetch = answering(200, 18_722);
    vi.stubGlobal('fetch', fetch);
    const bytes = await fetchWholeEarly(listed(18_722), HEADERS);
    expect(bytes?.byteLength).toBe(18_722);
    expect(fetch).toHaveBeenCalledWith(new URL(`http://127.0.0.1:1234${URL_OF}`), { headers: HEADERS });
  });

  it.each([
    ['larger than fetched whole', WHOLE_EARLY_MAX_BYTES + 1],
    ['of no known size', undefined],
  ])('leaves a document %s to pdf.js ranges, without fetching it', async (_what, size) => {
    const fetch = answering(200, 10);
    vi.stubGlobal('fetch', fetch);
    expect(await fetchWholeEarly(listed(size), HEADERS)).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('gives nothing when the engine refuses the copy or sends other than its listed size (the viewer then opens it by address and says why)', async () => {
    vi.stubGlobal('fetch', answering(409, 0));
    expect(await fetchWholeEarly(listed(18_722), HEADERS)).toBeNull();
    vi.stubGlobal('fetch', answering(200, 18_000));
    expect(await fetchWholeEarly(listed(18_722), HEADERS)).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await fetchWholeEarly(listed(18_722), HEADERS)).toBeNull();
  });
});
