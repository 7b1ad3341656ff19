// Loads a claim's PoE documents with pdf.js and tracks each one's state for the UI: progress (and
// cancel), a password prompt for protected files, and errors classified into what the reviewer can
// do about them (damaged file, not available offline, engine unreachable).
import type { DocumentEntry } from '../api/documents.js';
import { takeFirstDocument } from './first-page.js';
import { openDocument, type OpenedDocument, type PDFDocumentProxy } from './pdfjs.js';

/** A claim's document (fetched from the engine), or a file attached to one (its bytes in hand); keyed by sha256. */
export type DocumentSource = Pick<DocumentEntry, 'sha256' | 'size' | 'damaged'> & ({ url: string } | { data: Uint8Array });

/** damagedLocal: the copy on this computer failed its SHA-256 check (not the partner's upload). */
export type LoadError = 'damaged' | 'damagedLocal' | 'missing' | 'unreachable' | 'unknown';

export type DocState =
  | { phase: 'idle' }
  | { phase: 'loading'; loaded: number; total: number | null }
  | { phase: 'password'; incorrect: boolean }
  | { phase: 'ready'; doc: PDFDocumentProxy }
  | { phase: 'cancelled' }
  | { phase: 'error'; kind: LoadError; detail: string };

const IDLE: DocState = { phase: 'idle' };

/** pdf.js's PasswordResponses.INCORRECT_PASSWORD. */
const INCORRECT_PASSWORD = 2;

interface Entry {
  opened: OpenedDocument | null;
  state: DocState;
  answerPassword: ((password: string) => void) | null;
  texts: Promise<string[]> | null;
}

export class DocumentLoader {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();
  private version = 0;

  constructor(private readonly headers: () => Record<string, string>) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  /** The same object until the document's state changes (useSyncExternalStore compares them). */
  state(sha256: string): DocState {
    return this.entries.get(sha256)?.state ?? IDLE;
  }

  private update(sha256: string, change: Partial<Entry>) {
    const entry = this.entries.get(sha256) ?? { opened: null, state: IDLE, answerPassword: null, texts: null };
    this.entries.set(sha256, { ...entry, ...change });
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Start loading (again) unless it is loading or loaded. */
  load(doc: DocumentSource) {
    const phase = this.state(doc.sha256).phase;
    if (phase === 'loading' || phase === 'ready' || phase === 'password') return;
    // The claim's first document may have been opened at start already, its first page drawn (first-page.ts).
    const opened = 'data' in doc ? openDocument({ data: doc.data }) : (takeFirstDocument(doc.sha256, doc.url) ?? openDocument({ url: doc.url, httpHeaders: this.headers() }));
    const { task } = opened;
    this.update(doc.sha256, { opened, state: { phase: 'loading', loaded: 0, total: doc.size || null }, answerPassword: null, texts: null });
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      if (this.entries.get(doc.sha256)?.opened !== opened || this.state(doc.sha256).phase !== 'loading') return;
      this.update(doc.sha256, { state: { phase: 'loading', loaded, total: total || doc.size || null } });
    };
    opened.onPassword((answer, reason) => {
      this.update(doc.sha256, { state: { phase: 'password', incorrect: reason === INCORRECT_PASSWORD }, answerPassword: answer });
    });
    task.promise.then(
      (pdf) => {
        if (this.entries.get(doc.sha256)?.opened === opened) this.update(doc.sha256, { state: { phase: 'ready', doc: pdf }, answerPassword: null });
      },
      (error: Error) => {
        const entry = this.entries.get(doc.sha256);
        // A cancelled load rejects too; it already shows as cancelled.
        if (entry?.opened !== opened || entry.state.phase === 'cancelled') return;
        const { kind, detail } = classify(error);
        this.update(doc.sha256, { state: { phase: 'error', kind: doc.damaged ? 'damagedLocal' : kind, detail }, opened: null });
        void opened.close();
      },
    );
  }

  submitPassword(sha256: string, password: string) {
    const entry = this.entries.get(sha256);
    if (!entry?.answerPassword) return;
    const answer = entry.answerPassword;
    this.update(sha256, { state: { phase: 'loading', loaded: 0, total: null }, answerPassword: null });
    answer(password);
  }

  /** Stop a load (or a password prompt); the reviewer can start it again. */
  cancel(sha256: string) {
    const entry = this.entries.get(sha256);
    if (!entry?.opened) return;
    const opened = entry.opened;
    this.update(sha256, { state: { phase: 'cancelled' }, opened: null, answerPassword: null });
    void opened.close();
  }

  /** The text of every page (for the checklist's suggestions), extracted once per document. */
  pageTexts(sha256: string): Promise<string[]> | null {
    const entry = this.entries.get(sha256);
    if (entry?.state.phase !== 'ready') return null;
    if (!entry.texts) {
      const texts = extractTexts(entry.state.doc);
      entry.texts = texts;
    }
    return entry.texts;
  }

  destroy() {
    for (const entry of this.entries.values()) void entry.opened?.close();
    this.entries.clear();
    this.listeners.clear();
  }
}

async function extractTexts(doc: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
    page.cleanup();
  }
  return texts;
}

function classify(error: Error): { kind: LoadError; detail: string } {
  const status = (error as { status?: number }).status;
  switch (error.name) {
    case 'InvalidPDFException':
    case 'FormatError':
      return { kind: 'damaged', detail: error.message };
    case 'ResponseException':
    case 'MissingPDFException':
      return { kind: status === 404 ? 'missing' : status === 0 || status === undefined ? 'unreachable' : 'unknown', detail: error.message };
    default:
      return { kind: /fetch|network/i.test(error.message) ? 'unreachable' : 'unknown', detail: error.message };
  }
}
