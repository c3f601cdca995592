import { booleanOption, choiceOption, scoreOption, type ServiceOptionSpecs } from '../../shared/service-kit';

/** The Python connector's variables that make sense here, and the key type (docs/services.md, greynoise). */
// A type, not an interface: the pipeline reads options as a record of values by key.
export type GreyNoiseOptions = {
  /**
   * `GREYNOISE_KEY_TYPE`: `enterprise` asks the IP lookup (`/v3/ip`, what the Python connector asks
   * with any key); `community` asks the Community API (`/v3/community`), the one free community keys
   * are meant for. Not detected: detecting needs a call (`/ping`) before every cold start.
   */
  keyType: 'enterprise' | 'community';
  /** `GREYNOISE_SIGHTING_NOT_SEEN`: record an address GreyNoise has not seen (score 0, count-0 sightings). */
  sightingNotSeen: boolean;
  /** `GREYNOISE_NO_SIGHTINGS`: no sightings at all. */
  noSightings: boolean;
  /** `GREYNOISE_INDICATOR_SCORE_MALICIOUS`, `_SUSPICIOUS`, `_BENIGN`: the score of each classification. */
  indicatorScoreMalicious: number;
  indicatorScoreSuspicious: number;
  indicatorScoreBenign: number;
};

export const GREYNOISE_OPTIONS: ServiceOptionSpecs<GreyNoiseOptions> = {
  keyType: choiceOption(['enterprise', 'community'], 'enterprise'),
  sightingNotSeen: booleanOption(false),
  noSightings: booleanOption(false),
  indicatorScoreMalicious: scoreOption(75),
  indicatorScoreSuspicious: scoreOption(50),
  indicatorScoreBenign: scoreOption(20),
};
