/**
 * Finds one rule's source in a YARA ruleset, as VirusTotal serves it (`rules` of a ruleset), with
 * the `import` lines the rule uses, so the indicator's pattern compiles on its own. Reads the text
 * the way YARA does where it matters for finding the rule's end: braces inside strings, regular
 * expressions and comments do not count.
 */

const RULE_HEADER = /(?:(?:private|global)\s+)*rule\s+([A-Za-z_]\w*)/y;
const IMPORT = /^\s*import\s+"([A-Za-z_]\w*)"/gm;

/** The index just after a comment, string or regular expression starting at `i`, or `i` when none starts there. */
function skipLiteral(text: string, i: number, previous: string): number {
  const two = text.slice(i, i + 2);
  if (two === '//') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (two === '/*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  const quote = text[i] === '"' ? '"' : text[i] === '/' && previous === '=' ? '/' : undefined;
  if (!quote) return i;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === quote || text[j] === '\n') return j + 1;
  }
  return text.length;
}

/** Start and end (exclusive) of every top-level rule, by name. */
function ruleSpans(text: string): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  let depth = 0;
  let previous = '';
  let start = -1;
  let name = '';
  for (let i = 0; i < text.length;) {
    const skipped = skipLiteral(text, i, previous);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const char = text[i]!;
    if (depth === 0 && start < 0 && /[a-z]/.test(char) && !/\w/.test(text[i - 1] ?? '')) {
      RULE_HEADER.lastIndex = i;
      const header = RULE_HEADER.exec(text);
      if (header) [start, name] = [i, header[1]!];
    }
    if (char === '{') depth++;
    else if (char === '}' && depth > 0 && --depth === 0 && start >= 0) {
      if (!spans.has(name)) spans.set(name, { start, end: i + 1 });
      start = -1;
    }
    if (!/\s/.test(char)) previous = char;
    i++;
  }
  return spans;
}

/** The rule named `ruleName` in `rules`, preceded by the imports it uses, or undefined when the ruleset has no such rule. */
export function yaraRuleSource(rules: string, ruleName: string): string | undefined {
  const span = ruleSpans(rules).get(ruleName);
  if (!span) return undefined;
  const rule = rules.slice(span.start, span.end);
  const imports = [...rules.matchAll(IMPORT)].map((m) => m[1]!).filter((module) => new RegExp(`\\b${module}\\.`).test(rule));
  return [...new Set(imports)].map((module) => `import "${module}"\n`).join('') + (imports.length ? '\n' : '') + rule;
}
