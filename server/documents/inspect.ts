// What an uploaded proof-of-execution file is, judged by its content and never by its name (issue 4,
// point 3): a PDF header, a size limit, an end-of-file marker, then a real open with pdf.js (the same
// engine the desk's viewer uses, so "accepted here" means "the reviewer can open it") for the page
// count, encryption, XFA and damage. The pdf.js part runs in a worker thread with a time and a heap
// budget (pdf-check-worker.mjs): a hostile file is refused, the service keeps answering meanwhile.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** 25 MiB: larger than any PoE a partner should need, small enough to keep uploads and sync light. */
export const DEFAULT_MAX_PDF_BYTES = 25 * 1024 * 1024;
/** 2,000 pages: a long deployment workbook is a few hundred; more is not evidence a reviewer reads. */
export const DEFAULT_MAX_PDF_PAGES = 2000;

export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
  /** How long pdf.js may take to open the file and load every page. */
  timeMs: number;
  /** The check's heap (V8 old generation), in MiB. */
  heapMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxBytes: DEFAULT_MAX_PDF_BYTES, maxPages: DEFAULT_MAX_PDF_PAGES, timeMs: 20_000, heapMb: 384 };

/** Checks at once; more wait their turn, so a burst of uploads cannot take a heap budget each. */
const CONCURRENT_CHECKS = 2;

export type PdfRefusal = 'not_pdf' | 'too_large' | 'truncated' | 'damaged' | 'too_many_pages' | 'too_complex' | 'xfa_unsupported';

export type PdfInspection =
  | {
      ok: true;
      sha256: string;
      size: number;
      /** null when the file cannot be opened without its password. */
      pages: number | null;
      /**
       * The file needs a password to open. The rule: it is accepted (a partner may protect a PoE),
       * the reviewer asks the partner for the password and types it in the viewer; its pages are
       * counted then, by the viewer, not here.
       */
      encrypted: boolean;
    }
  | { ok: false; error: PdfRefusal; message: string };

/** Readers accept the header anywhere in the first KiB (some producers put junk before it). */
const HEADER_WINDOW = 1024;

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');

export async function inspectPdf(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): Promise<PdfInspection> {
  const { maxBytes, maxPages, timeMs, heapMb } = { ...DEFAULT_PDF_LIMITS, ...limits };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, HEADER_WINDOW).indexOf(PDF_HEADER) < 0) {
    return refuse('not_pdf', 'This file is not a PDF (it does not start like one, whatever its name says). Save or export the proof of execution as PDF and upload that file.');
  }
  if (buffer.byteLength > maxBytes) {
    return refuse('too_large', `This PDF is ${mib(buffer.byteLength)}; the limit is ${mib(maxBytes)}. Reduce it (for example, export scanned pages at a lower resolution) or split it into several documents, then upload again.`);
  }
  // Anywhere in the file: bytes after the marker (a producer's padding, an e-mail gateway's
  // footer) do not stop pdf.js, but a file with no marker at all was cut off.
  if (buffer.lastIndexOf(PDF_EOF) < 0) {
    return refuse('truncated', 'This PDF is incomplete: it has no end-of-file marker, so it was cut off, usually while it was being uploaded or downloaded. Open the original file, check that it displays fully, and upload it again.');
  }
  const checked = await inWorker(buffer, maxPages, timeMs, heapMb);
  switch (checked.kind) {
    case 'ok':
    case 'password':
      return {
        ok: true,
        sha256: createHash('sha256').update(buffer).digest('hex'),
        size: buffer.byteLength,
        pages: checked.kind === 'ok' ? checked.pages : null,
        encrypted: checked.kind === 'password',
      };
    case 'too_many_pages':
      return refuse('too_many_pages', `This PDF has ${checked.pages.toLocaleString('en')} pages; the limit is ${maxPages.toLocaleString('en')}. Upload only the pages that prove the engagement, or split it into several documents.`);
    case 'xfa_unsupported':
      return refuse('xfa_unsupported', 'This PDF is a dynamic XFA form that only Adobe Reader can display; the reviewer would see a blank "please wait" page. Open it in Adobe Reader, print it to a new PDF (Print > Microsoft Print to PDF or Adobe PDF), and upload that file.');
    case 'too_complex':
      return refuse('too_complex', `This PDF could not be opened within the service's limits (${timeMs / 1000} s, ${heapMb} MiB); its structure is unusually heavy or malformed, and a reviewer's viewer would struggle with it too. Print it to a new PDF or save it as "optimized", then upload that file.`);
    case 'damaged':
      return refuse('damaged', 'This PDF is damaged and cannot be read. Open it in a PDF reader, save or print it as a new PDF, and upload that file.');
  }
}

type CheckResult =
  | { kind: 'ok'; pages: number }
  | { kind: 'password' }
  | { kind: 'too_many_pages'; pages: number }
  | { kind: 'xfa_unsupported' }
  | { kind: 'damaged'; reason: string }
  | { kind: 'too_complex' };

const WORKER = new URL('./pdf-check-worker.mjs', import.meta.url);

let running = 0;
const waiting: Array<() => void> = [];
/**
 * Workers that finished a check normally wait for the next one (starting one and loading pdf.js
 * costs more than most checks); one that ran out of time or heap is ended, never reused.
 */
const idle: Array<{ worker: Worker; heapMb: number }> = [];

async function inWorker(buffer: Buffer, maxPages: number, timeMs: number, heapMb: number): Promise<CheckResult> {
  if (running >= CONCURRENT_CHECKS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runWorker(buffer, maxPages, timeMs, heapMb);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function takeWorker(heapMb: number): Worker {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i >= 0) return idle.splice(i, 1)[0]!.worker;
  const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  // An idle worker that ends (it should not) leaves the pool.
  worker.on('exit', () => {
    const at = idle.findIndex((w) => w.worker === worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

function runWorker(buffer: Buffer, maxPages: number, timeMs: number, heapMb: number): Promise<CheckResult> {
  const worker = takeWorker(heapMb);
  worker.ref();
  return new Promise((resolve, reject) => {
    const settle = (result: CheckResult | Error, reusable: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable && idle.length < CONCURRENT_CHECKS) {
        // Waiting for work must not keep the process alive.
        worker.unref();
        idle.push({ worker, heapMb });
      } else {
        void worker.terminate();
      }
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onMessage = (result: CheckResult) => settle(result, true);
    // Running out of its heap is the file's doing; any other failure is ours (a 500, not the partner's fault).
    const onError = (error: Error & { code?: string }) => settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'too_complex' } : error, false);
    const onExit = (code: number) => settle(new Error(`the PDF check stopped (exit code ${code}) without an answer`), false);
    const timer = setTimeout(() => settle({ kind: 'too_complex' }, false), timeMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // pdf.js may take ownership of (detach) the buffer it is given: the worker gets its own copy.
    const data = new Uint8Array(buffer);
    worker.postMessage({ data, maxPages }, [data.buffer]);
  });
}

function refuse(error: PdfRefusal, message: string): PdfInspection {
  return { ok: false, error, message };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
