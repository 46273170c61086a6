// Writes objects as `Format-List` prints them in a console of `width` columns: names padded to one
// column, lists as {a, b} cut after $FormatEnumerationLimit (4) items, long values wrapped and indented.

function show(value, limit) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) {
    const items = value.slice(0, limit).map((v) => show(v, limit));
    return `{${items.join(', ')}${value.length > limit ? '...' : ''}}`;
  }
  if (typeof value === 'object') return String(value.Name ?? '');
  return String(value);
}

/**
 * `objects` as Format-List text; `prompt` (e.g. `[PS] C:\\>Get-PopSettings | fl`) is printed first.
 * @param {object[]} objects
 * @param {{ width?: number, limit?: number, prompt?: string, eol?: string }} [options]
 */
export function toFormatList(objects, { width = 120, limit = 4, prompt = undefined, eol = '\r\n' } = {}) {
  const out = [];
  if (prompt) out.push(prompt, '');
  for (const o of objects) {
    out.push('');
    const keys = Object.keys(o);
    const pad = Math.max(...keys.map((k) => k.length));
    for (const key of keys) {
      const text = show(o[key], limit);
      const indent = pad + 3;
      const room = width - indent;
      const lines = [];
      for (let at = 0; at < text.length || at === 0; at += room) lines.push(text.slice(at, at + room));
      out.push(`${key.padEnd(pad)} : ${lines[0]}`, ...lines.slice(1).map((l) => `${' '.repeat(indent)}${l}`));
    }
  }
  out.push('', '');
  return out.join(eol);
}
