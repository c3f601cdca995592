import { booleanOption, integerOption, type ServiceOption } from '../../shared/service-kit';

/** `HYBRID_ANALYSIS_SANDBOX_ENVIRONMENT_ID`: the sandbox environment of uploads. */
const environmentId: ServiceOption<number> = {
  ...integerOption(160, 1),
  // 160 is Windows 10 64 bit (the Python connector's name says so; its default, 110, is Windows 7
  // 32 bit); the connector also lists 100, 120 (Windows 7), 200 (Android static analysis), 300,
  // 310 (Linux) and 400 (macOS).
  expected: 'a Hybrid Analysis environment id, e.g. 160 (Windows 10 64 bit)',
};

/** The Python connector's settings that make sense here (`HYBRID_ANALYSIS_SANDBOX_<NAME>`), and the upload switch. */
export const hybridAnalysisOptionSpecs = {
  environmentId,
  fileUploadUnseenArtifacts: booleanOption(false),
};

export type HybridAnalysisOptions = {
  [K in keyof typeof hybridAnalysisOptionSpecs]: (typeof hybridAnalysisOptionSpecs)[K]['default'];
};
