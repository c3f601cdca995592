import { ConfigError } from '../../shared/config/errors';
import { autoLimit, formatRateLimit, manualReserveSetting, parseRateLimit, rateLimitSetting } from '../../shared/quota';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('parseRateLimit', () => {
  it.each([
    [
      '4/m,500/d',
      [
        { count: 4, periodMs: MINUTE, label: '4/m' },
        { count: 500, periodMs: 86_400_000, label: '500/d' },
      ],
    ],
    ['20/10s', [{ count: 20, periodMs: 10 * SECOND, label: '20/10s' }]],
    [
      ' 200/m , 2000/h ',
      [
        { count: 200, periodMs: MINUTE, label: '200/m' },
        { count: 2000, periodMs: 3_600_000, label: '2000/h' },
      ],
    ],
    ['4/1m', [{ count: 4, periodMs: MINUTE, label: '4/m' }]],
    ['1000/d', [{ count: 1000, periodMs: 86_400_000, label: '1000/d' }]],
    ['none', []],
    ['None', []],
  ])('reads %j', (text, windows) => {
    expect(parseRateLimit(text, 'VIRUSTOTAL_RATE_LIMIT')).toEqual(windows);
  });

  it.each([
    ['4/w', '"4/w" is not <count>/<period>'],
    ['4 per minute', '"4 per minute" is not <count>/<period>'],
    ['0/m', '"0/m" must allow at least one call'],
    ['4/0s', '"4/0s" has an empty period'],
    ['4/m,,500/d', 'an entry is empty'],
    ['', 'an entry is empty'],
    ['-1/m', '"-1/m" is not <count>/<period>'],
  ])('rejects %j, naming the variable, what it expects and the wrong entry', (text, detail) => {
    const error = (() => {
      try {
        parseRateLimit(text, 'VIRUSTOTAL_RATE_LIMIT');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        variable: 'VIRUSTOTAL_RATE_LIMIT',
        expected: `expected a comma list of <count>/<period> such as 4/m,500/d or 20/10s (period s, m, h or d, optionally preceded by a number), or none: ${detail}`,
      },
    ]);
  });

  it('writes windows back as the setting', () => {
    expect(formatRateLimit(parseRateLimit('4/m, 20/10s', 'X'))).toBe('4/m,20/10s');
    expect(formatRateLimit([])).toBe('none');
  });
});

describe('rateLimitSetting (zod, for the config readers)', () => {
  it('turns a string or a YAML list into windows', () => {
    expect(rateLimitSetting.parse('4/m,500/d')).toEqual(parseRateLimit('4/m,500/d', 'X'));
    expect(rateLimitSetting.parse(['4/m', '500/d'])).toEqual(parseRateLimit('4/m,500/d', 'X'));
    expect(rateLimitSetting.parse('none')).toEqual([]);
  });

  it('fails on a bad entry with the reason as the issue message', () => {
    const result = rateLimitSetting.safeParse('4/m,5/w');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['"5/w" is not <count>/<period>']);
    expect(rateLimitSetting.safeParse(4).success).toBe(false);
  });
});

describe('manualReserveSetting and autoLimit', () => {
  it.each([
    ['20%', 0.2],
    ['0.5', 0.5],
    [0.25, 0.25],
    ['0', 0],
  ])('reads %j as %d', (value, share) => {
    expect(manualReserveSetting.parse(value)).toBe(share);
  });

  it.each(['100%', '1', '-5%', 'half', ''])('rejects %j', (value) => {
    expect(manualReserveSetting.safeParse(value).success).toBe(false);
  });

  it.each([
    [4, 0.2, 3],
    [500, 0.2, 400],
    [10, 0.5, 5],
    [1, 0.2, 1],
    [4, 0, 4],
  ])('lets auto use %d × (1 - %d) rounded down, at least one: %d', (count, reserve, limit) => {
    expect(autoLimit(count, reserve)).toBe(limit);
  });
});
