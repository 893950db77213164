import { startCommand } from './cli/command.ts';

// `npm start`: the settings are checked before anything else is loaded, so a bad one stops the
// start at once with one line; then the server starts (cli/serve.ts).
const { settings } = startCommand({
  usage: 'npm start [-- --help]',
  summary: 'Serves the employment card API: GraphQL and GraphiQL at /graphql, /healthz, /readyz; /metrics on a port of its own.\n'
    + 'Without DATABASE_URL it uses the embedded database (and loads demo cards into an empty one). Stops gracefully on SIGTERM or SIGINT.',
  options: {},
  settings: ['server', 'database', 'card', 'auth', 'protection', 'registry', 'jobs', 'operations'],
});
// Tracing, when configured, must hook the modules before the server imports them.
if (settings.OTEL_EXPORTER_OTLP_ENDPOINT) (await import('./runtime/tracing.ts')).startTracing(settings);
const { serve } = await import('./cli/serve.ts');
await serve(settings);
