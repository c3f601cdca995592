import type { ObjectMarking } from '../../shared/opencti';
import type { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { createSqsHandler, type RecordOutcome } from '../../shared/pipeline';
import { markingDefinitionId, type StixObject, type TlpLevel } from '../../shared/stix';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { harness, lambdaContext, newPlatform, sqsEvent } from './fake-service';
import { ipEntity } from './messages';

/** The IP every TLP case enriches; the vendor has data on it, so an allowed case calls it once. */
export const IP = '8.8.8.8';
export const LOOKUP_PATH = `/lookup/${IP}`;

/** A marking as the platform stores it: a (type, definition) pair under its hashed standard id. */
export function platformMarking(definitionType: string, definition: string): ObjectMarking {
  const standardId = markingDefinitionId(definitionType.toUpperCase(), definition.toUpperCase());
  return { id: `internal-${standardId}`, standard_id: standardId, x_opencti_stix_ids: [], definition_type: definitionType, definition };
}

export const CUSTOM_TLP = platformMarking('TLP', 'TLP:EX:CHR');
export const HASHED_GREEN = platformMarking('TLP', 'TLP:GREEN');
export const HASHED_RED = platformMarking('TLP', 'TLP:RED');
export const STATEMENT = platformMarking('statement', 'Copyright Example Corp, do not share outside the SOC');
export const PAP_RED = platformMarking('PAP', 'PAP:RED');

/** The test IP's entity carrying exactly these marking ids. */
/**
 * The stand-in platform and a vendor that answers the lookup, started before the suite's cases and
 * stopped after them; every GraphQL document the pipeline sends must validate.
 */
export function useTlpStandIns(): { platform: OpenCtiStandIn; vendor: ScriptedVendor } {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script(LOOKUP_PATH, { status: 200, body: { cves: [], domains: [], score: 5 } });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));
  afterEach(() => {
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
  });
  return { platform, vendor };
}

export const markedEntity = (refs: string[]): StixObject => ({ ...ipEntity(IP), object_marking_refs: refs });

/** Stores the entity and its markings on the stand-in, as the platform holds them. */
export function onPlatform(platform: OpenCtiStandIn, entity: StixObject, markings: ObjectMarking[] = []): void {
  platform.entities.set(entity.id, entity);
  for (const m of markings) platform.markings.set(m.standard_id, m);
}

/** Runs one message through the handler with the given maximum TLP; says how many vendor calls it caused. */
export async function runWithMaxTlp(
  platform: OpenCtiStandIn,
  vendor: ScriptedVendor,
  body: string,
  maxTlp: TlpLevel,
): Promise<{ vendorCalls: number; outcome: RecordOutcome; failed: boolean }> {
  const before = vendor.calls(LOOKUP_PATH);
  const outcomes: RecordOutcome[] = [];
  const h = harness(platform, vendor, { maxTlp, onOutcome: (o) => outcomes.push(o) });
  const response = await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent([{ id: 'tlp', body }]), lambdaContext);
  return { vendorCalls: vendor.calls(LOOKUP_PATH) - before, outcome: outcomes[0]!, failed: response.batchItemFailures.length > 0 };
}
