/**
 * OpenCTI entity types (as in `entity_type` and `CONNECTOR_SCOPE`) and the STIX types behind them.
 * Used to derive an entity's OpenCTI type from its STIX form (5.x messages and playbooks carry none).
 */
export const OPENCTI_TYPE_BY_STIX_TYPE: Record<string, string> = {
  'ipv4-addr': 'IPv4-Addr',
  'ipv6-addr': 'IPv6-Addr',
  'domain-name': 'Domain-Name',
  hostname: 'Hostname',
  url: 'Url',
  file: 'StixFile',
  artifact: 'Artifact',
  'email-addr': 'Email-Addr',
  'email-message': 'Email-Message',
  'autonomous-system': 'Autonomous-System',
  'mac-addr': 'Mac-Addr',
  'x509-certificate': 'X509-Certificate',
  software: 'Software',
  'user-agent': 'User-Agent',
  text: 'Text',
  'cryptocurrency-wallet': 'Cryptocurrency-Wallet',
  'phone-number': 'Phone-Number',
  vulnerability: 'Vulnerability',
  indicator: 'Indicator',
  malware: 'Malware',
  'attack-pattern': 'Attack-Pattern',
  'threat-actor': 'Threat-Actor-Group',
  'intrusion-set': 'Intrusion-Set',
  tool: 'Tool',
  campaign: 'Campaign',
  infrastructure: 'Infrastructure',
};

/**
 * The OpenCTI entity type of a STIX object: OpenCTI's extension `type` when present, else the
 * table above, else the STIX type itself.
 */
export function openctiTypeOf(object: { type: string; extensions?: unknown }): string {
  const ext = (object.extensions as Record<string, { type?: unknown }> | undefined)?.[OPENCTI_EXTENSION_ID];
  if (typeof ext?.type === 'string') return ext.type;
  return OPENCTI_TYPE_BY_STIX_TYPE[object.type] ?? object.type;
}

/** OpenCTI's generic property extension (internal id, type, granted_refs, ...). */
export const OPENCTI_EXTENSION_ID = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
/** OpenCTI's SCO property extension (score, description, labels, ...). */
export const OPENCTI_SCO_EXTENSION_ID = 'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82';
