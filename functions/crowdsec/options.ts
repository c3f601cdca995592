import * as z from 'zod';
import { booleanOption, listSetting, type ServiceOption } from '../../shared/service-kit';

const REPUTATIONS = ['malicious', 'suspicious', 'known', 'safe', 'benign'] as const;

type Reputation = (typeof REPUTATIONS)[number];

/** `CROWDSEC_INDICATOR_CREATE_FROM`: the reputations that get an Indicator (none by default). */
const reputationList: ServiceOption<Reputation[]> = {
  schema: listSetting.pipe(z.array(z.string().toLowerCase().pipe(z.enum(REPUTATIONS)))),
  expected: `a comma-separated list of reputations among ${REPUTATIONS.join(', ')} (or nothing)`,
  default: [],
};

/**
 * The Python connector's settings that still make sense here, under the same names (`CROWDSEC_<NAME>`).
 * Defaults are the Python connector's, except attack patterns (its documentation says on, its code off).
 */
export const crowdsecOptionSpecs = {
  labelsScenarioName: booleanOption(true),
  labelsScenarioLabel: booleanOption(true),
  labelsCve: booleanOption(false),
  labelsMitre: booleanOption(false),
  labelsBehavior: booleanOption(false),
  labelsReputation: booleanOption(false),
  indicatorCreateFrom: reputationList,
  attackPatternCreateFromMitre: booleanOption(true),
  vulnerabilityCreateFromCve: booleanOption(true),
  createNote: booleanOption(false),
  createSighting: booleanOption(true),
  createTargetedCountriesSightings: booleanOption(true),
};

export type CrowdsecOptions = { [K in keyof typeof crowdsecOptionSpecs]: (typeof crowdsecOptionSpecs)[K]['default'] };
