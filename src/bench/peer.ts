// A peer of the benchmark: another GraphQL server on the same database, asked the mix's queries in
// its own schema, so that the API's figures can be given as a ratio to it (`npm run bench -- --peer NAME`).
// A peer is installed on demand into a scratch folder: it is never a dependency of the API.

/** The queries of the mix a peer answers, by their names in the harness. */
export type PeerQuery = 'deepList' | 'cardByIin' | 'mobile';

export interface PeerRequests {
  /** A page of `first` cards of one career center (database id), every section. */
  deepList(centerId: string, first: number): string;
  /** One card by IIN, every section. */
  cardByIin(iin: string): string;
  /** `first` cards of one center with §1, the §12 status and the next planned visit. */
  mobile(centerId: string, first: number): string;
}

export interface RunningPeer {
  name: string;
  /** Its GraphQL endpoint (POST JSON). */
  url: string;
  /** Its process: its CPU and memory are read from /proc like the API's. */
  pid: number;
  /** Request bodies (JSON text) of the mix's queries in the peer's own schema. */
  requests: PeerRequests;
  stop(): Promise<void>;
}

/** Starts a peer on `databaseUrl` (PostgreSQL), listening on 127.0.0.1:`port`. */
export type StartPeer = (options: { databaseUrl: string; port: number; log: (line: string) => void }) => Promise<RunningPeer>;
