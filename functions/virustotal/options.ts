import { booleanOption, integerOption } from '../../shared/service-kit';

/**
 * The Python connector's settings, same names (`VIRUSTOTAL_IP_ADD_RELATIONSHIPS`...), same defaults.
 * `*_INDICATOR_VALID_MINUTES` are minutes here: the Python connector reads them as days.
 */
export const virusTotalOptionSpecs = {
  fileCreateNoteFullReport: booleanOption(true),
  fileUploadUnseenArtifacts: booleanOption(true),
  fileImportYara: booleanOption(true),
  fileIndicatorCreatePositives: integerOption(10),
  fileIndicatorValidMinutes: integerOption(2880, 1),
  fileIndicatorDetect: booleanOption(true),
  ipAddRelationships: booleanOption(false),
  ipIndicatorCreatePositives: integerOption(10),
  ipIndicatorValidMinutes: integerOption(2880, 1),
  ipIndicatorDetect: booleanOption(true),
  domainAddRelationships: booleanOption(false),
  domainIndicatorCreatePositives: integerOption(10),
  domainIndicatorValidMinutes: integerOption(2880, 1),
  domainIndicatorDetect: booleanOption(true),
  urlUploadUnseen: booleanOption(true),
  urlIndicatorCreatePositives: integerOption(10),
  urlIndicatorValidMinutes: integerOption(2880, 1),
  urlIndicatorDetect: booleanOption(true),
};

export type VirusTotalOptions = { [K in keyof typeof virusTotalOptionSpecs]: (typeof virusTotalOptionSpecs)[K]['default'] };

/** What VirusTotal is asked about: its four kinds of object. */
export type ObjectKind = 'ip' | 'domain' | 'url' | 'file';

/** When an entity of this kind gets an Indicator, and what the Indicator says. */
export interface IndicatorSettings {
  /** Malicious verdicts needed; 0 never creates one. */
  threshold: number;
  validMinutes: number;
  detect: boolean;
}

export function indicatorSettings(options: VirusTotalOptions, kind: ObjectKind): IndicatorSettings {
  return {
    threshold: options[`${kind}IndicatorCreatePositives`],
    validMinutes: options[`${kind}IndicatorValidMinutes`],
    detect: options[`${kind}IndicatorDetect`],
  };
}
