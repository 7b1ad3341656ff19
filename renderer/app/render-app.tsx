// The app rendered into the page (main.tsx loads this after the claim's first page): the desk
// with its engine client, or, without the host's token, how to get a page that has it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../api/client.js';
import type { Transport } from '../api/transport.js';
import { App, preloadClaimPage } from './App.js';

export function renderApp(transport: Transport | null): void {
  const root = createRoot(document.getElementById('root')!);
  if (transport) {
    const client = createClient(transport);
    preloadClaimPage();
    root.render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    );
    return;
  }
  // Without the token the host refuses every call; say how to get a page that has it.
  root.render(
    <main style={{ font: '15px system-ui, sans-serif', padding: 32, maxWidth: 640 }}>
      <h1 style={{ fontSize: 20 }}>PoE Desk</h1>
      <p>
        This page was opened without its access token. Open PoE Desk with the address that <code>npm run web</code> printed when it started.
      </p>
    </main>,
  );
}
