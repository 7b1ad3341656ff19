// What the host needs of an engine: the contract by channel name, its events, and its PoE cache.
// The in-process Engine provides it; so could a proxy to an engine in a child process.
import type { EngineListener } from '../engine/events.js';

export interface HostedEngine {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(listener: EngineListener): () => void;
  /** Makes a document available in the cache (downloading it if needed); false when it cannot be had. */
  ensureDocument(sha256: string): Promise<boolean>;
  /** The lead's decision log as CSV, streamed from the claims service (arguments: the export's filter, unparsed). */
  decisionsCsv(query: unknown): Promise<Response>;
  /** The cache directory documents are served from. */
  readonly documentsDir: string;
}
