import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, SamplingDecision, TracerProvider, type Sampler, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';
import { log, scrubbed } from './log.ts';
import type { Settings } from './settings.ts';
import { onStopped } from './shutdown.ts';

// Traces (OpenTelemetry), on only with OTEL_EXPORTER_OTLP_ENDPOINT: a span per HTTP request, its
// GraphQL parse and validation (and execution with GRAPHQL_JIT=off: graphql-jit's compiled
// queries bypass graphql-js's execute), and its SQL statements on PostgreSQL, sent over OTLP/HTTP
// (JSON). main.ts imports this module only then, before the server's modules are loaded: with the
// endpoint unset, neither the SDK nor an instrumentation is loaded and a request costs what it did
// (@opentelemetry/api alone is loaded anyway, by prom-client; without an SDK it does nothing).
//
// No ESM loader hook is needed: our ESM `import`s of pg 8 and graphql 16 load CommonJS packages
// whose inner files (pg/lib/client.js, pg-pool, graphql/execution/execute.js…), which is what the
// instrumentations patch, are loaded by `require`, where their hooks see them (test/operations/
// tracing.test.ts checks the spans). An ESM-only release of either would need import-in-the-middle.
//
// Spans carry no personal data and no credentials: GraphQL documents with their literal values
// blanked and never their variables; SQL text with every literal blanked (MikroORM writes the
// values into most of its statements: `where "iin" = '870314300017'`) and never the parameters;
// errors' texts scrubbed as in the log; no request headers; of a URL's query string (GET /graphql
// carries the variables in it) only the parameters' names.

/** A trace starts with a request (or joins the caller's): the SDL parsed at the start makes none. */
const REQUESTS_ONLY: Sampler = {
  shouldSample: (_context, _traceId, _name, kind) => ({ decision: kind === SpanKind.SERVER ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD }),
  toString: () => 'RequestsOnly',
};

/** SQL literals: E'…' and '…' strings, $tag$…$tag$ strings, numbers (not $1 placeholders nor digits in names). */
const SQL_LITERALS = /(?<![\w$])[eE]'(?:[^'\\]|''|\\.)*'|'(?:[^']|'')*'|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|(?<![\w$])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** SQL text as a span may carry it: every literal replaced by `?`. */
export const withoutLiterals = (sql: string) => sql.replace(SQL_LITERALS, '?');

/** The attributes that carry SQL text (the stable name and the older one, which OTEL_SEMCONV_STABILITY_OPT_IN may add). */
const SQL_TEXT = ['db.query.text', 'db.statement'];
/** The attributes of an exception event that carry an error's text. */
const ERROR_TEXT = ['exception.message', 'exception.stacktrace'];

/**
 * As a span ends, before any exporter sees it: the literals of its SQL text blanked, and its
 * errors' texts scrubbed as the log scrubs them (an error's message can quote what it refused).
 */
const PERSONAL_DATA_BLANKED: SpanProcessor = {
  onStart: () => {},
  onEnding: (span) => {
    for (const key of SQL_TEXT) {
      const text = span.attributes[key];
      if (typeof text === 'string') span.setAttribute(key, withoutLiterals(text));
    }
    for (const { attributes } of span.events) {
      for (const key of ERROR_TEXT) {
        const text = attributes?.[key];
        if (typeof text === 'string') attributes![key] = scrubbed(text);
      }
    }
    if (span.status.message) span.setStatus({ ...span.status, message: scrubbed(span.status.message) });
  },
  onEnd: () => {},
  forceFlush: async () => {},
  shutdown: async () => {},
};

/** Probes and scrapes, asked every few seconds: a trace each would drown the requests'. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

let provider: TracerProvider | null = null;

/** Starts tracing; call before the modules it traces (http's server, pg, graphql) are imported. */
export function startTracing(settings: Pick<Settings, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>): void {
  if (provider || !settings.OTEL_EXPORTER_OTLP_ENDPOINT) return;

  provider = new TracerProvider({
    sampler: new ParentBasedSampler({ root: REQUESTS_ONLY }),
    resource: resourceFromAttributes({ 'service.name': settings.OTEL_SERVICE_NAME! }),
    spanProcessors: [PERSONAL_DATA_BLANKED, new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(settings.OTEL_EXPORTER_OTLP_ENDPOINT) }) })],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // A `traceparent` from a proxy or a client puts the API's spans into the caller's trace.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Outgoing requests stay out: a person registry's URL names the IIN looked up (its lookups use
        // fetch, which this instrumentation does not see; should that change, they stay out still).
        disableOutgoingRequestInstrumentation: true,
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(request.url?.split('?')[0] ?? ''),
        startIncomingSpanHook: (request) => queryNames(request as IncomingMessage),
      }),
      new GraphQLInstrumentation({ allowValues: false, ignoreTrivialResolveSpans: true, mergeItems: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  onStopped(stopTracing);
  log.info({ endpoint: redactedUrl(settings.OTEL_EXPORTER_OTLP_ENDPOINT), service: settings.OTEL_SERVICE_NAME }, 'tracing: spans go to the OTLP endpoint');
}

/** How long the last spans may take to send as the process stops (a collector that is down must not hold the stop). */
const LAST_SPANS_MS = 5_000;

/** Sends the spans not yet sent and stops tracing (the process is stopping). */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = null;
  if (!stopping) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, LAST_SPANS_MS, 'late')));
  try {
    if ((await Promise.race([stopping.shutdown(), late])) === 'late') log.warn({ ms: LAST_SPANS_MS }, 'tracing: the last spans were not sent in time');
  } catch (error) {
    log.warn({ err: error }, 'tracing: the last spans could not be sent');
  } finally {
    clearTimeout(timer);
  }
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its /v1/traces. */
function tracesUrl(endpoint: string): string {
  return new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href;
}

/** The query string as the span keeps it (overriding the instrumentation's): the parameters' names, each value replaced. */
function queryNames(request: IncomingMessage): { 'url.query'?: string } {
  const at = request.url?.indexOf('?') ?? -1;
  if (at < 0) return {};
  const names = new Set(new URLSearchParams(request.url!.slice(at + 1)).keys());
  return { 'url.query': [...names].map((name) => `${encodeURIComponent(name)}=REDACTED`).join('&') };
}

/** A URL as it may be logged: without its user and password. */
function redactedUrl(value: string): string {
  const url = new URL(value);
  url.username = url.password = '';
  return url.href;
}
