// Entry point: pick the transport (Electron's preload bridge when present, else the browser
// host's HTTP), build the contract client, render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { hostToken } from './api/host-token.js';
import { httpTransport } from './api/http-transport.js';
import { ipcTransport } from './api/ipc-transport.js';
import { App, preloadClaimPage } from './app/App.js';

const root = createRoot(document.getElementById('root')!);

function transport() {
  if (window.poeDesk) return ipcTransport(window.poeDesk);
  const token = hostToken();
  return token ? httpTransport(window.location.origin, token) : null;
}

const t = transport();
if (t) {
  preloadClaimPage();
  root.render(
    <StrictMode>
      <App client={createClient(t)} />
    </StrictMode>,
  );
} else {
  // Without the token the host refuses every call; say how to get a page that has it.
  root.render(
    <main style={{ font: '15px system-ui, sans-serif', padding: 32, maxWidth: 640 }}>
      <h1 style={{ fontSize: 20 }}>PoE Desk</h1>
      <p>This page was opened without its access token. Open PoE Desk with the address that <code>npm run web</code> printed when it started.</p>
    </main>,
  );
}
