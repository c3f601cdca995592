import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { ipv4Addr, OPENCTI_EXTENSION_ID, tlpMarking, type StixObject } from '../../shared/stix';
import { validateDocument } from '../helpers/graphql-schema';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { hasSharedReference } from '../helpers/shared-reference';
import { eventually, freePort, ProductProcess } from './product';

/**
 * One connector started as a user starts it (`npm start`'s program) against the OpenCTI stand-in,
 * the real RabbitMQ and a scripted vendor on loopback: what an end-to-end suite sets up before its
 * cases and tears down after them.
 */
export class ConnectorUnderTest {
  readonly token = `e2e-token-${randomUUID()}`;
  readonly connectorId = randomUUID();
  readonly rabbit = new PlatformRabbit();
  /** Checks every GraphQL document against the platform schema when `../shared` is present. */
  readonly platform = new OpenCtiStandIn({
    tokens: [this.token],
    platformRabbit: this.rabbit,
    validate: hasSharedReference() ? validateDocument : undefined,
  });
  readonly vendor = new ScriptedVendor();
  readonly stateDir = mkdtempSync(join(tmpdir(), 'e2e-state-'));
  /** The bridge's health, metrics and callback port. */
  port = 0;
  product!: ProductProcess;
  /** The product's environment, for a restart. */
  env: Record<string, string> = {};

  /**
   * Starts the stand-ins and the product with the platform's URL, token, connector id, a free port
   * and the state folder, plus `settings(this)`; returns once the connector registered and pinged.
   */
  async start(settings: (under: ConnectorUnderTest) => Record<string, string>): Promise<void> {
    await Promise.all([this.platform.start(), this.vendor.start()]);
    this.port = await freePort();
    this.env = {
      OPENCTI_URL: this.platform.url,
      OPENCTI_TOKEN: this.token,
      CONNECTOR_ID: this.connectorId,
      BRIDGE_HEALTH_PORT: String(this.port),
      LOCAL_STATE_DIR: this.stateDir,
      ...settings(this),
    };
    this.product = new ProductProcess(this.env);
    this.product.start();
    await this.product.waitFor(/Running 1 connector/);
    await eventually(() => this.platform.connectors.get(this.connectorId)?.pings, 30_000, 'registration and first ping');
  }

  async stop(): Promise<void> {
    await this.product?.stop();
    await this.rabbit.deleteConnector(this.connectorId).catch(() => undefined);
    await this.rabbit.close();
    await Promise.all([this.platform.stop(), this.vendor.stop()]);
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** An IPv4-Addr as the platform sends it: marked, with its OpenCTI extension. */
export function platformIp(value: string, tlp: Parameters<typeof tlpMarking>[0] = 'TLP:GREEN'): StixObject {
  return {
    ...ipv4Addr(value),
    object_marking_refs: [tlpMarking(tlp).id],
    extensions: { [OPENCTI_EXTENSION_ID]: { extension_type: 'property-extension', id: randomUUID(), type: 'IPv4-Addr' } },
  };
}
