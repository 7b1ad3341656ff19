// The little of PouchDB's API the initial-sync baseline uses (the packages ship no types).
declare module 'pouchdb-core' {
  interface Database {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, options?: { adapter?: string }): Database;
    plugin(plugin: unknown): PouchStatic;
    replicate(source: Database, target: Database, options?: { batch_size?: number }): Promise<{ docs_written: number }>;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
