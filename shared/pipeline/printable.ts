/** Longest quoted value, in characters, before it is cut. */
export const PRINTABLE_MAX_CHARS = 200;

const NAMED_ESCAPES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional
 * overrides: characters that break a log line in two or make text read differently from what it is.
 */
function isControl(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/**
 * A value someone else wrote (an entity id or type, a marking definition, part of a message
 * body), made safe to quote in a work message or a log line: control characters escaped (`\n`,
 * `\r`, `\t`, `\u001b`, …) and the result cut at `maxChars`, saying how long the value was.
 * Every place the pipeline quotes such a value goes through here.
 */
export function printable(value: unknown, maxChars = PRINTABLE_MAX_CHARS): string {
  const text = typeof value === 'string' ? value : String(value);
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const piece = isControl(codePoint) ? (NAMED_ESCAPES[char] ?? `\\u${codePoint.toString(16).padStart(4, '0')}`) : char;
    if (out.length + piece.length > maxChars) return `${out}… (cut, ${[...text].length} characters)`;
    out += piece;
  }
  return out;
}
