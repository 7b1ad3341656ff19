// Entry point: pick the transport (Electron's preload bridge when present, else the browser
// host's HTTP) and render the app. The entry imports nothing heavy (no React, MUI, zod or the
// contract), so that with a claim in the address the page's first acts are those page 1 waits on:
// start pdf.js's worker (viewer/pdf-worker.ts), ask for the claim's documents, load
// draw-first-page.ts (pdf.js's core, not its viewer), which draws the first document's page 1. The
// app's bundle (React, MUI, the desk, the contract's client) and pdf.js's viewer are loaded once
// page 1 is on screen: the app's 750 KB took the page's main thread for ~120 ms and a background
// thread for ~240 ms of a cold start, the same two cores pdf.js's worker and page 1 need (issue
// 18.2). The desk then renders around the page already drawn.
import { hostToken } from './api/host-token.js';
import { httpTransport } from './api/http-transport.js';
import { ipcTransport } from './api/ipc-transport.js';
import type { Transport } from './api/transport.js';
import { parseRoute } from './app/route.js';
import { fetchWholeEarly } from './viewer/first-page.js';
import { warmPdfWorker } from './viewer/pdf-worker.js';

/** How long the desk waits at most for the first page (a slow network, a password prompt). */
const FIRST_PAGE_WAIT_MS = 1500;

function transport(): Transport | null {
  if (window.poeDesk) return ipcTransport(window.poeDesk);
  const token = hostToken();
  return token ? httpTransport(window.location.origin, token) : null;
}

function firstPage(t: Transport | null): Promise<void> {
  const route = parseRoute(window.location.hash);
  if (!t || route.view !== 'claim') return Promise.resolve();
  warmPdfWorker();
  // Only its first entry is read early (first-page.ts firstListed); the claim view parses it with the contract.
  const listed = t.invoke('documents.list', { claimId: route.id }).catch(() => null);
  // Its bytes are on their way while pdf.js's core and worker load (fetchWholeEarly says when).
  const bytes = listed.then((answer) => fetchWholeEarly(answer, t.documentHeaders()));
  const drawn = import('./viewer/draw-first-page.js').then((m) => m.drawFirstPage(t, route.id, listed, bytes));
  // Whatever happens to the first page, the desk comes.
  return Promise.race([drawn.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]);
}

const t = transport();
void firstPage(t)
  .then(() => import('./app/render-app.js'))
  .then((m) => m.renderApp(t));
