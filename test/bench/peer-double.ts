import { spawn } from 'node:child_process';
import type { StartPeer } from '../../src/bench/peer.ts';

// A stand-in peer for the harness's smoke run: a bare node:http process that answers every POST
// with an empty GraphQL result. It tests the harness's handling of a peer (start, probe, drive,
// its CPU by pid, stop), not any real peer.

const SERVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"double":true}}'));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('double listening'));
process.once('SIGTERM', () => process.exit(0));
`;

export const startDouble: StartPeer = async ({ port, log }) => {
  const child = spawn(process.execPath, ['-e', SERVER], { env: { PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('double listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the peer double exited (${code})`)));
  });
  child.stdout!.resume();
  log('the double is up');
  const body = (name: string, variables: Record<string, unknown>) => JSON.stringify({ query: `{ ${name} }`, variables });
  return {
    name: 'the double',
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    requests: {
      deepList: (centerId, first) => body('deepList', { centerId, first }),
      cardByIin: (iin) => body('cardByIin', { iin }),
      mobile: (centerId, first) => body('mobile', { centerId, first }),
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};
