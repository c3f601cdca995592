import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { eventually, freePort, ProductProcess } from './product';

const TOKEN = `listeners-${randomUUID()}`;

/** `a.b.c.d` or an IPv6 address from /proc/net/tcp's hex (each 32-bit word in host order, little-endian here). */
function procAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => Buffer.from(w, 'hex').reverse());
  if (words.length === 1) return [...words[0]!].join('.');
  const bytes = Buffer.concat(words);
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** The TCP sockets a process listens on, from its socket inodes in /proc (no `ss` or `netstat` needed). */
function listeningSockets(pid: number): Array<{ address: string; port: number }> {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? []].flat();
      } catch {
        return [];
      }
    }),
  );
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && inodes.has(f[9]!)) // 0A: LISTEN
      .map((f) => {
        const [address, port] = f[1]!.split(':');
        return { address: procAddress(address!), port: parseInt(port!, 16) };
      }),
  );
}

/**
 * `npm start` opens no door off this machine: the SQS server, which has no authentication, listens
 * on 127.0.0.1 only; only the bridge's HTTP server follows BRIDGE_HTTP_HOST.
 */
describe('what npm start listens on', () => {
  const rabbit = new PlatformRabbit();
  const platform = new OpenCtiStandIn({ tokens: [TOKEN], platformRabbit: rabbit });
  const connectorId = randomUUID();
  const stateDir = mkdtempSync(join(tmpdir(), 'listeners-'));

  beforeAll(() => platform.start());
  afterAll(async () => {
    await rabbit.deleteConnector(connectorId).catch(() => undefined);
    await rabbit.close();
    await platform.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it.each([
    ['by default', undefined],
    ['with BRIDGE_HTTP_HOST=0.0.0.0 (the container image)', '0.0.0.0'],
  ])(
    '%s: loopback only, but for the bridge port',
    async (_case, host) => {
      const port = await freePort();
      const product = new ProductProcess({
        CONNECTOR_SERVICE: 'shodan-internetdb',
        OPENCTI_URL: platform.url,
        OPENCTI_TOKEN: TOKEN,
        CONNECTOR_ID: connectorId,
        CONNECTOR_NAME: 'Listeners',
        CONNECTOR_SCOPE: 'IPv4-Addr',
        CONNECTOR_LOG_LEVEL: 'error',
        BRIDGE_HEALTH_PORT: String(port),
        LOCAL_STATE_DIR: stateDir,
        ...(host ? { BRIDGE_HTTP_HOST: host } : {}),
      });
      try {
        product.start();
        await product.waitFor(/Running 1 connector/);
        await eventually(() => platform.connectors.get(connectorId)?.pings, 30_000, 'registration and first ping');
        const sockets = listeningSockets(product.pid!);
        // The bridge's HTTP server and the SQS server, at least.
        expect(sockets.length).toBeGreaterThanOrEqual(2);
        expect(sockets).toContainEqual({ address: host ?? '127.0.0.1', port });
        for (const socket of sockets.filter((s) => s.port !== port)) expect(socket).toEqual({ address: '127.0.0.1', port: socket.port });
      } finally {
        await product.stop('SIGTERM');
      }
    },
    60_000,
  );
});
