import { createServer, type Server } from 'node:http';
import cluster from 'node:cluster';
import proxyAddr from 'proxy-addr';
import { AggregatorRegistry } from 'prom-client';
import { log } from '../runtime/log.ts';
import { metrics } from '../runtime/metrics.ts';
import { listenOn } from './listen.ts';

// `/metrics` on a port of its own (METRICS_PORT, on METRICS_HOST), answered only to the addresses
// METRICS_ALLOW names: the API's port never serves it, and a scraper is let in by configuration.
// With worker processes, the primary serves the sum of the workers' metrics (prom-client's
// cluster aggregation).

export interface MetricsSettings {
  port: number;
  host: string;
  /** Addresses and subnets in proxy-addr's terms: `loopback`, `uniquelocal`, `10.0.0.0/8`… */
  allow: string;
}

/** Serves the metrics; resolves with the server once it listens. */
export async function serveMetrics(settings: MetricsSettings, options: { workers?: boolean } = {}): Promise<Server> {
  const allowed = proxyAddr.compile(settings.allow.split(',').map((part) => part.trim()).filter(Boolean));
  const aggregator = options.workers ? new AggregatorRegistry() : null;
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (!allowed(req.socket.remoteAddress ?? '', 0)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden\n');
    if (path !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end();
    const text = aggregator ? aggregator.clusterMetrics() : metrics.metrics();
    text.then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      (error: unknown) => {
        log.error({ err: error }, 'metrics could not be collected');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n');
      },
    );
  });
  await listenOn(server, settings.port, settings.host);
  return server;
}

/** In a worker process: the primary asks for this registry's metrics over the cluster channel. */
export function shareMetricsWithPrimary(): void {
  if (cluster.isWorker) AggregatorRegistry.setRegistries([metrics]);
}
