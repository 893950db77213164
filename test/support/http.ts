import type { AddressInfo } from 'node:net';
import type { Orm } from '../../src/db/orm.ts';
import { createApp, listen } from '../../src/http/app.ts';

/** The API on a free local port, as `npm start` serves it; `stop()` closes it and what it opened. */
export async function startTestServer(orm: Orm, options: Parameters<typeof createApp>[1]) {
  const app = await createApp(orm, options);
  const server = await listen(app.app, 0);
  return {
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
    },
  };
}
