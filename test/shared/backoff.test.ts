import { backoffDelayMs } from '../../shared/retry/backoff';

describe('backoffDelayMs', () => {
  const bridge = { initialMs: 1_000, maxMs: 30_000 };
  const retries = [0, 1, 2, 4, 5, 10];

  it('doubles from the first delay and stops at the longest', () => {
    const delays = retries.map((retry) => backoffDelayMs(retry, { ...bridge, spread: [1, 1] }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 16_000, 30_000, 30_000]);
  });

  it('spreads each delay 20 % either way by default, never past the longest', () => {
    expect(retries.map((retry) => backoffDelayMs(retry, bridge, () => 0))).toEqual([800, 1_600, 3_200, 12_800, 24_000, 24_000]);
    expect(retries.map((retry) => backoffDelayMs(retry, bridge, () => 1))).toEqual([1_200, 2_400, 4_800, 19_200, 30_000, 30_000]);
  });

  it('draws within the spread it is given, with the growth it is given', () => {
    const options = { initialMs: 30_000, maxMs: 900_000, factor: 3, spread: [0.5, 1] as const };
    expect([0, 1, 2, 4].map((retry) => backoffDelayMs(retry, options, () => 0))).toEqual([15_000, 45_000, 135_000, 450_000]);
    expect([0, 1, 2, 4].map((retry) => backoffDelayMs(retry, options, () => 1))).toEqual([30_000, 90_000, 270_000, 900_000]);
  });
});
