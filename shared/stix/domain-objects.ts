import { compact } from './compact';
import { domainExtras, timestamps } from './common-properties';
import { attackPatternId, identityId, indicatorId, malwareAnalysisId, namedObjectId, noteId } from './ids';
import type { CommonProperties, StixObject } from './types';

/** Fixed creation date for the connector's own author identity, so its object never changes between runs. */
const AUTHOR_CREATED = '2020-01-01T00:00:00.000Z';

/** The organisation a connector signs its objects with (`created_by_ref`). */
export function authorIdentity(name: string, description?: string): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identityId(name, 'organization'),
    ...timestamps(AUTHOR_CREATED),
    name,
    identity_class: 'organization',
    ...compact({ description }),
  };
}

export function organization(name: string, now: string, p: CommonProperties = {}): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identityId(name, 'organization'),
    ...timestamps(now),
    name,
    identity_class: 'organization',
    ...domainExtras(p),
  };
}

export function vulnerability(name: string, now: string, p: CommonProperties & Record<string, unknown> = {}): StixObject {
  const { markings, createdBy, labels, description, score, externalReferences, ...custom } = p;
  return {
    type: 'vulnerability',
    spec_version: '2.1',
    id: namedObjectId('vulnerability', name),
    ...timestamps(now),
    name,
    ...domainExtras({ markings, createdBy, labels, description, score, externalReferences }),
    ...compact(custom),
  };
}

export function malware(name: string, now: string, p: CommonProperties & { isFamily?: boolean } = {}): StixObject {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: namedObjectId('malware', name),
    ...timestamps(now),
    name,
    is_family: p.isFamily ?? true,
    ...domainExtras(p),
  };
}

export function attackPattern(name: string, now: string, p: CommonProperties & { mitreId?: string } = {}): StixObject {
  return {
    type: 'attack-pattern',
    spec_version: '2.1',
    id: attackPatternId(name, p.mitreId),
    ...timestamps(now),
    name,
    ...compact({ x_mitre_id: p.mitreId }),
    ...domainExtras(p),
  };
}

export interface IndicatorFields {
  pattern: string;
  name: string;
  validFrom: string;
  /** OpenCTI observable type the indicator detects, e.g. `IPv4-Addr`. */
  mainObservableType?: string;
  validUntil?: string;
  /** The pattern's language. @default 'stix' */
  patternType?: 'stix' | 'yara' | 'sigma' | 'snort' | 'suricata';
  /** OpenCTI's "detection" flag: the indicator is fit to detect with. @default unset */
  detection?: boolean;
}

export function indicator(f: IndicatorFields, now: string, p: CommonProperties = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(f.pattern),
    ...timestamps(now),
    name: f.name,
    pattern: f.pattern,
    pattern_type: f.patternType ?? 'stix',
    valid_from: f.validFrom,
    ...compact({ valid_until: f.validUntil, x_opencti_main_observable_type: f.mainObservableType, x_opencti_detection: f.detection }),
    ...domainExtras(p),
  };
}

/**
 * A note about objects. Its id depends on content and `created` only, so the caller passes a
 * `created` derived from the data (not the wall clock) to keep re-enrichment from adding notes.
 */
export function note(
  f: { content: string; objectRefs: string[]; abstract?: string; created: string },
  p: CommonProperties = {},
): StixObject {
  return {
    type: 'note',
    spec_version: '2.1',
    id: noteId(f.content, f.created),
    ...timestamps(f.created),
    content: f.content,
    object_refs: f.objectRefs,
    ...compact({ abstract: f.abstract }),
    ...domainExtras(p),
  };
}

export interface MalwareAnalysisFields {
  product: string;
  resultName: string;
  result?: 'malicious' | 'suspicious' | 'benign' | 'unknown';
  submitted?: string;
  analysisStarted?: string;
  sampleRef?: string;
  analysisScoRefs?: string[];
}

export function malwareAnalysis(f: MalwareAnalysisFields, now: string, p: CommonProperties = {}): StixObject {
  return {
    type: 'malware-analysis',
    spec_version: '2.1',
    id: malwareAnalysisId(f.resultName, f.product, f.submitted),
    ...timestamps(now),
    product: f.product,
    result_name: f.resultName,
    ...compact({
      result: f.result,
      submitted: f.submitted,
      analysis_started: f.analysisStarted,
      sample_ref: f.sampleRef,
      analysis_sco_refs: f.analysisScoRefs,
    }),
    ...domainExtras(p),
  };
}
