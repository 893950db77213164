import { connect, createServer } from 'node:net';

// The bench's load balancer: one address in front of several API processes, as a deployment puts
// one in front of its machines. Each new TCP connection goes to the next process in turn, and its
// bytes are piped both ways; nothing is parsed. It runs in its own process so that its CPU is
// counted apart from the API's and the load generator's (it shares the bench's two cores).
//   PORT=… BALANCE_TO=port,port node src/bench/balancer.ts

const targets = (process.env.BALANCE_TO ?? '').split(',').filter(Boolean).map(Number);
if (targets.length === 0 || targets.some((port) => !Number.isInteger(port))) throw new Error('BALANCE_TO: the ports to balance, comma-separated');
let next = 0;
const server = createServer((client) => {
  const upstream = connect(targets[next++ % targets.length]!, '127.0.0.1');
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close).on('close', close);
  upstream.on('error', close).on('close', close);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  const address = server.address();
  console.log(`balancer listening on ${typeof address === 'object' && address ? address.port : address}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
