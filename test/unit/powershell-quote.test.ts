// The one PowerShell quoting function, property-tested: whatever the exported string, the argument is
// one PowerShell expression that evaluates to exactly that string (nothing in it can end the string).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { psArgument, quotePowerShell } from '../../src/powershell/quote.js';
import { psComment } from '../../src/powershell/render-fix.js';

/** Every character PowerShell's tokenizer reads as a single quote (about_Quoting_Rules; SpecialChars in the tokenizer). */
const QUOTE = /['\u2018\u2019\u201a\u201b]/;

/** Reads a single-quoted string at `i` as PowerShell does; returns the text and the index after it. */
function readQuoted(s: string, i: number): [string, number] {
  if (!QUOTE.test(s[i] ?? '')) throw new Error(`expected a quote at ${i} in ${s}`);
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j] as string;
    if (QUOTE.test(c)) {
      if (QUOTE.test(s[j + 1] ?? '')) {
        out += c;
        j++;
        continue;
      }
      return [out, j + 1];
    }
    out += c;
  }
  throw new Error(`unterminated string in ${s}`);
}

/** Evaluates what quotePowerShell produces: 'text', or ('a' + [char]13 + 'b'); anything else fails. */
function evaluate(expr: string): string {
  if (!expr.startsWith('(')) {
    const [text, end] = readQuoted(expr, 0);
    if (end !== expr.length) throw new Error(`text after the string: ${expr}`);
    return text;
  }
  let i = 1;
  let out = '';
  for (;;) {
    const m = /^\[char\](\d+)/.exec(expr.slice(i));
    if (m) {
      out += String.fromCharCode(Number(m[1]));
      i += m[0].length;
    } else {
      const [text, end] = readQuoted(expr, i);
      out += text;
      i = end;
    }
    if (expr.startsWith(' + ', i)) i += 3;
    else if (expr.slice(i) === ')') return out;
    else throw new Error(`unexpected text at ${i}: ${expr}`);
  }
}

const hostile = fc.string({ unit: fc.constantFrom(..."'\u2018\u2019\u201a\u201b\"\u201c\u201d\u201e`$();{}|&<>#\r\n\t\u0000\u0085\u2028\u2029 aZ9-łÑ".split('')), maxLength: 40 });

describe('quotePowerShell', () => {
  it('evaluates back to the same string, for any string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        expect(evaluate(quotePowerShell(s))).toBe(s);
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('keeps every command on one line', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(quotePowerShell(s)).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
        expect(psComment(s)).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('quotes words that PowerShell would otherwise read as a parameter, a number or a splat', () => {
    expect(quotePowerShell('-WhatIf')).toBe("'-WhatIf'");
    expect(quotePowerShell('10MB')).toBe("'10MB'");
    expect(quotePowerShell('@x')).toBe("'@x'");
    expect(quotePowerShell('EX03\u2019; Invoke-Pwned; \u2018')).toBe("'EX03\u2019\u2019; Invoke-Pwned; \u2018\u2018'");
  });

  it('writes canonical values as PowerShell arguments', () => {
    expect(psArgument(true)).toBe('$true');
    expect(psArgument(null)).toBe('$null');
    expect(psArgument(20)).toBe('20');
    expect(psArgument(['a', "b'c"])).toBe("'a','b''c'");
    expect(psArgument({ hostname: 'mail.contoso.com', port: 995, encryption: 'SSL' })).toBe("'mail.contoso.com:995:SSL'");
    expect(psArgument(1800, 'AuthenticatedConnectionTimeout')).toBe("'00:30:00'");
  });
});
