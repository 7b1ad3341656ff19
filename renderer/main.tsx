// Entry point: pick the transport (Electron's preload bridge when present, else the browser
// host's HTTP), build the contract client, render the app. The entry itself is small: with a
// claim in the address, the claim's first PoE page is opened and drawn first (draw-first-page.ts,
// with pdf.js and none of React or MUI), and the app renders the desk around it once it is on
// screen; its bundle loads meanwhile (issue 18.2).
import { createClient } from './api/client.js';
import { hostToken } from './api/host-token.js';
import { httpTransport } from './api/http-transport.js';
import { ipcTransport } from './api/ipc-transport.js';
import { parseRoute } from './app/route.js';
import { warmPdfWorker } from './viewer/pdf-worker.js';

/** How long the desk waits at most for the first page (a slow network, a password prompt). */
const FIRST_PAGE_WAIT_MS = 1500;

function transport() {
  if (window.poeDesk) return ipcTransport(window.poeDesk);
  const token = hostToken();
  return token ? httpTransport(window.location.origin, token) : null;
}

function firstPage(): Promise<void> {
  const route = parseRoute(window.location.hash);
  if (!client || route.view !== 'claim') return Promise.resolve();
  warmPdfWorker();
  const listed = client['documents.list']({ claimId: route.id }).catch(() => null);
  const drawn = import('./viewer/draw-first-page.js').then((m) => m.drawFirstPage(client, route.id, listed));
  // Whatever happens to the first page, the desk comes.
  return Promise.race([drawn.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]);
}

const t = transport();
const client = t && createClient(t);
const app = import('./app/render-app.js');
void Promise.all([app, firstPage()]).then(([m]) => m.renderApp(client));
