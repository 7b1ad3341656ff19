// The contract client, provided once at the root; components never build transports themselves.
import { createContext, useContext, type ReactNode } from 'react';
import type { DeskClient } from '../api/client.js';

const ClientContext = createContext<DeskClient | null>(null);

export function ClientProvider({ client, children }: { client: DeskClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): DeskClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}
