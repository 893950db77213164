import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server playing the notification gateway (docs/notifications.md): `POST /messages`
// records what it received and answers the status a test planned (202 unless told otherwise).

export interface GatewayRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: any;
}

export interface NotificationGateway {
  /** Base URL, e.g. `http://127.0.0.1:4321/gateway`. */
  url: string;
  /** The requests seen, in order. */
  requests: GatewayRequest[];
  /** The statuses to answer the next requests with, in order (then 202). */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

const PREFIX = '/gateway';

export async function startNotificationGateway(): Promise<NotificationGateway> {
  const planned: number[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test sees what arrived.
      }
      gateway.requests.push({
        method: req.method ?? '', path: req.url ?? '', idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        contentType: req.headers['content-type'], body,
      });
      const status = req.url === `${PREFIX}/messages` ? planned.shift() ?? 202 : 404;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { accepted: true } : { error: `HTTP ${status}` }));
    });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const gateway: NotificationGateway = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`,
    requests: [],
    answerNext: (...statuses) => void planned.push(...statuses),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return gateway;
}
