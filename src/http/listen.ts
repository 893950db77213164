import type { Server } from 'node:http';
import { EX_TEMPFAIL, Refusal } from '../runtime/refusal.ts';

/** Starts `server` listening; resolves once the port is bound, rejects when it cannot be. */
export function listenOn(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      const where = `${host ?? ''}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new Refusal(`Port ${where} is in use by another process: stop it, or choose another port`, EX_TEMPFAIL));
      else if (error.code === 'EACCES') reject(new Refusal(`Port ${where} may not be opened by this user: choose one above 1023`, EX_TEMPFAIL));
      else reject(error);
    };
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
}
