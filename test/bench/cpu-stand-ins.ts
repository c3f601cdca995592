import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
// The one line to change when the stand-in moves.
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';

/** What the bench process asks of this one over IPC. */
export type StandInRequest = { kind: 'works'; connectorId: string; count: number } | { kind: 'stop' };

/** What this process answers. */
export type StandInAnswer = { kind: 'ready'; openctiUrl: string; vendorUrl: string } | { kind: 'works'; ids: string[] };

/**
 * The OpenCTI stand-in and a vendor answering the Shodan InternetDB fixture after a fixed latency,
 * in a process of their own so that their CPU is not counted as the product's.
 * Started by cpu-per-work.ts with the token and latency in its environment.
 */
async function main(): Promise<void> {
  const send = (answer: StandInAnswer) => process.send!(answer);
  const token = process.env.BENCH_TOKEN!;
  const latency = Number(process.env.BENCH_VENDOR_LATENCY_MS ?? 0);
  const answer = readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8');
  const platform = new OpenCtiStandIn({ tokens: [token] });
  await platform.start();
  const vendor = createServer((_req, res) => {
    const reply = () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(answer);
    };
    if (latency > 0) setTimeout(reply, latency);
    else reply();
  });
  // Longer than any pause in the bench, so that a reused socket is never closed under the client.
  vendor.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => vendor.listen(0, '127.0.0.1', r));
  process.on('message', (request: StandInRequest) => {
    if (request.kind === 'works') {
      const ids = Array.from({ length: request.count }, () => platform.createWork(request.connectorId).id);
      send({ kind: 'works', ids });
    } else {
      vendor.closeAllConnections();
      void Promise.all([platform.stop(), new Promise((r) => vendor.close(r))]).then(() => process.exit(0));
    }
  });
  send({ kind: 'ready', openctiUrl: platform.url, vendorUrl: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}` });
}

main().catch((error: Error) => {
  console.error(`stand-ins failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
