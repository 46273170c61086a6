/**
 * The first key that appears twice in one JSON object of `text` (JSON.parse keeps the last value silently),
 * with its character offset; iterative, so any nesting is safe. Run on the first values of each file only:
 * PowerShell never writes duplicate keys, so one seen early is a sign of a hand-edited or generated file.
 */
export function findDuplicateKey(text: string): { key: string; offset: number } | undefined {
  const stack: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) stack.push(new Set());
    else if (c === 0x5b) stack.push(null);
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x22) {
      const start = i;
      let raw = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          raw = true;
          i++;
        } else if (d === 0x22) break;
      }
      const keys = stack[stack.length - 1];
      if (!keys) continue;
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++;
      if (text[j] !== ':') continue;
      let key = text.slice(start + 1, i);
      if (raw) {
        try {
          key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          continue;
        }
      }
      if (keys.has(key)) return { key, offset: start };
      keys.add(key);
    }
  }
  return undefined;
}
