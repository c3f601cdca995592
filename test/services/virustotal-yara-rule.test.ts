import { yaraRuleSource } from '../../functions/virustotal/yara-rule';

const RULESET = `import "pe"
import "math"

// rule commented_out { condition: true }
rule first : tag_a tag_b {
    meta:
        description = "a } in a string, and a rule second { too"
    strings:
        $hex = { 8845ec [2-4] 50 }
        $re = /ab{2,3}"}/ nocase
    condition:
        pe.is_dll() and any of them /* } */
}

private rule second
{
    condition: first and filesize < 100KB // }
}
`;

describe('yaraRuleSource (the rule an indicator holds, from the ruleset VirusTotal serves)', () => {
  it('gives the whole rule, braces in strings, hex strings, regular expressions and comments included, with the imports it uses', () => {
    const source = yaraRuleSource(RULESET, 'first');
    expect(source).toMatch(/^import "pe"\n\nrule first : tag_a tag_b \{\n/);
    expect(source).toMatch(/any of them \/\* \} \*\/\n\}$/);
    expect(source).not.toContain('import "math"');
  });

  it('finds a private rule, and gives no import the rule does not use', () => {
    expect(yaraRuleSource(RULESET, 'second')).toBe('private rule second\n{\n    condition: first and filesize < 100KB // }\n}');
  });

  it('finds no rule in a comment or a string, and none the ruleset lacks', () => {
    expect(yaraRuleSource(RULESET, 'commented_out')).toBeUndefined();
    expect(yaraRuleSource(RULESET, 'rule')).toBeUndefined();
    expect(yaraRuleSource(RULESET, 'absent')).toBeUndefined();
  });
});
