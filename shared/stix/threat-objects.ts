import { compact } from './compact';
import { domainExtras, timestamps } from './common-properties';
import { namedObjectId } from './ids';
import type { CommonProperties, StixObject } from './types';

/** A tool (a VPN service, a scanner): its id from its name, as the platform computes it. */
export function tool(name: string, now: string, p: CommonProperties & { aliases?: string[] } = {}): StixObject {
  return {
    type: 'tool',
    spec_version: '2.1',
    id: namedObjectId('tool', name),
    ...timestamps(now),
    name,
    ...compact({ x_opencti_aliases: p.aliases }),
    ...domainExtras(p),
  };
}

/** A threat actor, which OpenCTI imports as a Threat-Actor-Group; its id from its name. */
export function threatActor(name: string, now: string, p: CommonProperties = {}): StixObject {
  return {
    type: 'threat-actor',
    spec_version: '2.1',
    id: namedObjectId('threat-actor', name),
    ...timestamps(now),
    name,
    ...domainExtras(p),
  };
}
