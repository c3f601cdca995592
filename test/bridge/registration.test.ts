import { startBridge, type Bridge } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { describeWithReference } from '../helpers/shared-reference';
import { BridgeHarness, delay, FAST_TIMINGS, silentLogger, waitFor } from './harness';

describeWithReference('bridge registration and heartbeat (documents validated against the OpenCTI schema)', () => {
  let harness: BridgeHarness;
  let bridge: Bridge | undefined;
  let platformDown = false;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start({ failWhen: () => platformDown });
  });
  afterEach(async () => {
    platformDown = false;
    await bridge?.stop();
    bridge = undefined;
    clients.splice(0).forEach((client) => client.destroy());
  });
  afterAll(async () => {
    await harness.stop();
  });

  const start = async (connectors: Parameters<BridgeHarness['config']>[0]) => {
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config(connectors, { healthPort: 0 }),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
      httpHost: '127.0.0.1',
    });
    return bridge;
  };
  const requestsOf = (field: string, connectorId: string) =>
    harness.standIn
      .calls(field)
      .filter((r) => r.variables.id === connectorId || (r.variables.input as { id?: string } | undefined)?.id === connectorId);

  it('registers two connectors, each with its own token, as INTERNAL_ENRICHMENT playbook-compatible connectors', async () => {
    const a = await harness.connector({ scope: ['IPv4-Addr', 'IPv6-Addr'], auto: true, autoUpdate: true });
    const b = await harness.connector({ scope: ['StixFile'], auto: false, onlyContextual: true });
    await start([a, b]);

    await waitFor(
      () => requestsOf('pingConnector', a.id).length >= 3 && requestsOf('pingConnector', b.id).length >= 3,
      5_000,
      'three pings each',
    );

    const [registerA] = requestsOf('registerConnector', a.id);
    const [registerB] = requestsOf('registerConnector', b.id);
    expect(registerA?.token).toBe(a.tokenValue);
    expect(registerB?.token).toBe(b.tokenValue);
    expect(registerA?.variables.input).toEqual({
      id: a.id,
      name: a.name,
      type: 'INTERNAL_ENRICHMENT',
      scope: ['IPv4-Addr', 'IPv6-Addr'],
      auto: true,
      auto_update: true,
      only_contextual: false,
      playbook_compatible: true,
      listen_callback_uri: null,
    });
    expect(registerB?.variables.input).toMatchObject({
      scope: ['StixFile'],
      auto: false,
      auto_update: false,
      only_contextual: true,
      playbook_compatible: true,
    });
    expect(requestsOf('pingConnector', a.id).every((r) => r.token === a.tokenValue)).toBe(true);
    expect(requestsOf('pingConnector', b.id).every((r) => r.token === b.tokenValue)).toBe(true);
    expect(harness.standIn.requests.flatMap((r) => r.validationErrors)).toEqual([]);
  });

  it('pings right away after registering and then every interval', async () => {
    const connector = await harness.connector();
    await start([connector]);
    await waitFor(() => requestsOf('pingConnector', connector.id).length >= 1, 5_000, 'first ping');
    const registeredAt = harness.standIn.requests.indexOf(requestsOf('registerConnector', connector.id)[0]!);
    const firstPingAt = harness.standIn.requests.indexOf(requestsOf('pingConnector', connector.id)[0]!);
    expect(firstPingAt).toBeGreaterThan(registeredAt);

    await delay(FAST_TIMINGS.pingIntervalMs * 5);
    const pings = requestsOf('pingConnector', connector.id).length;
    expect(pings).toBeGreaterThanOrEqual(4);
    expect(pings).toBeLessThanOrEqual(7);
  });

  it('keeps retrying while the platform is down and registers again when it is back', async () => {
    const connector = await harness.connector();
    const running = await start([connector]);
    await waitFor(() => running.health().connectors[0]!.pings >= 1, 5_000, 'registered');

    platformDown = true;
    await waitFor(() => !running.health().connectors[0]!.registered, 5_000, 'ping failure noticed');
    await delay(500);
    expect(running.health().connectors[0]!.lastError).toMatch(/HTTP 500/);
    const registrationsBefore = requestsOf('registerConnector', connector.id).length;
    platformDown = false;

    await waitFor(() => running.health().connectors[0]!.registered, 5_000, 'registered again');
    expect(requestsOf('registerConnector', connector.id).length).toBeGreaterThan(registrationsBefore);
    await waitFor(() => running.health().status === 'ok', 5_000, 'healthy again');
  });

  it('reports registration, last ping and consumer state per connector on GET /health and /ready', async () => {
    const connector = await harness.connector();
    const running = await start([connector]);
    await waitFor(() => running.health().status === 'ok', 5_000, 'healthy');

    const response = await fetch(`${running.url}/health`);
    const body = (await response.json()) as { status: string; connectors: Array<Record<string, unknown>> };

    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.connectors[0]).toMatchObject({
      id: connector.id,
      name: connector.name,
      registered: true,
      platformVersion: '6.9.17',
      consumer: { state: 'consuming', inFlight: 0 },
      forwarded: 0,
      failed: 0,
    });
    expect(Date.parse(body.connectors[0]!.lastPingAt as string)).toBeGreaterThan(Date.now() - 5_000);
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);

    platformDown = true;
    await waitFor(() => !running.health().connectors[0]!.registered, 5_000, 'ping failure noticed');
    expect((await fetch(`${running.url}/ready`)).status).toBe(503);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});
