import type { Server } from 'node:http';

// Stopping the HTTP server without cutting a request: no new connections, idle keep-alive ones
// closed now, busy ones closed as soon as their answer is out. Past the deadline the rest are cut.

/** How often connections that became idle (their answer sent) are closed while draining. */
const SWEEP_MS = 50;

/** Resolves once every connection has ended: by itself, or cut when `deadline` aborts. */
export function drain(server: Server, deadline: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // An answer written while draining says the connection closes after it.
    server.on('request', (_req, res) => res.shouldKeepAlive = false);
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    const cut = () => server.closeAllConnections();
    deadline.addEventListener('abort', cut, { once: true });
    server.close(() => {
      clearInterval(sweep);
      deadline.removeEventListener('abort', cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
