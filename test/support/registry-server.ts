import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server playing a state registry asked per person: the registry of individuals
// (Rule 2, `GET /persons/{iin}`) or, with `resource: '/contracts'`, the labour-contract register
// (`GET /persons/{iin}/contracts`). It answers what a test told it for that IIN (404 for any
// other), optionally late.

export interface RegistryReplyPlan {
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (for malformed answers). */
  body?: string;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Sends the headers at once and the body only after `delayMs`. */
  stallBody?: boolean;
  /** Answers only once this settles: for tests of what happens meanwhile, with no race against a clock. */
  until?: Promise<unknown>;
}

export interface RegistryServer {
  /** Base URL, e.g. `http://127.0.0.1:4321/registry`. */
  url: string;
  /** What to answer for an IIN from now on. */
  answer(iin: string, plan: RegistryReplyPlan): void;
  /** The requests seen, in order. */
  requests: { method: string; path: string; accept: string | undefined }[];
  /** The IINs asked about, in order. */
  asked(): string[];
  /** The most requests it was answering at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

const PREFIX = '/registry';

/** A registry record as the registry answers it. */
export function registryPerson(iin: string, person: {
  surname: string; givenName: string; patronymic?: string | null; birthDate: string; sex: 'MALE' | 'FEMALE';
  citizenship?: string | null; nationality?: string | null;
  /** §7 — the registered address (optional in the contract): territory codes and text. */
  address?: { region: string; district?: string | null; settlement?: string | null; street?: string | null; house?: string | null; apartment?: string | null } | null;
}) {
  return { iin, patronymic: null, citizenship: 'KZ', nationality: null, ...person };
}

export async function startRegistryServer(options: { resource?: string } = {}): Promise<RegistryServer> {
  const path = new RegExp(`^/registry/persons/([^/]+)${options.resource ?? ''}$`);
  const plans = new Map<string, RegistryReplyPlan>();
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    registry.requests.push({ method: req.method ?? '', path: req.url ?? '', accept: req.headers.accept });
    inFlight++;
    registry.maxInFlight = Math.max(registry.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const match = path.exec(req.url ?? '');
    const plan = (match && plans.get(decodeURIComponent(match[1]!))) || { status: 404, json: { message: 'not found' } };
    const body = plan.body ?? JSON.stringify(plan.json ?? null);
    // A client that gave up has closed the connection: nothing to send any more.
    const gone = () => req.socket.destroyed;
    const send = () => void (gone() || res.end(body));
    const head = () => void (gone() || res.writeHead(plan.status ?? 200, { 'content-type': 'application/json' }));
    const reply = () => {
      if (!plan.delayMs) {
        head();
        send();
      } else if (plan.stallBody) {
        head();
        res.flushHeaders();
        later(plan.delayMs, send);
      } else {
        later(plan.delayMs, () => {
          head();
          send();
        });
      }
    };
    if (plan.until) void plan.until.then(reply, reply);
    else reply();
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const registry: RegistryServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`,
    answer: (iin, plan) => void plans.set(iin, plan),
    requests: [],
    asked: () => registry.requests.map((r) => decodeURIComponent(path.exec(r.path)?.[1] ?? '')),
    maxInFlight: 0,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return registry;
}
