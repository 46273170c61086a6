// Writes JSON the way Windows PowerShell 5.1 and PowerShell 7 ConvertTo-Json format it, so that tests,
// examples and the benchmark feed casguard the same bytes an administrator's export would contain.

const PS51_ESCAPES = { '<': '\\u003c', '>': '\\u003e', "'": '\\u0027', '&': '\\u0026' };

/**
 * JSON string literal as PowerShell 5.1 (JavaScriptSerializer) writes it: `<>'&` escaped as \uXXXX.
 * @param {string} s
 */
function ps51String(s) {
  return JSON.stringify(s).replace(/[<>'&]/g, (c) => PS51_ESCAPES[c]);
}

/**
 * Serialise like Windows PowerShell 5.1: `"key":  value` (two spaces after the colon) and nested
 * values indented four columns past the column of their opening bracket. Dates should already be
 * strings of the form `\/Date(ms)\/`; a string starting with `/Date(` is written with the escaped slash.
 * @param {unknown} value
 * @param {string} [eol] line ending, CRLF as on Windows
 */
export function toPs51Json(value, eol = '\r\n') {
  return write51(value, 0, eol);
}

function write51(value, column, eol) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    const lit = ps51String(value);
    return value.startsWith('/Date(') ? lit.replace(/^"\/Date\((.*)\)\/"$/, '"\\/Date($1)\\/"') : lit;
  }
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = ' '.repeat(column + 4);
  const close = ' '.repeat(column);
  if (Array.isArray(value)) {
    if (value.length === 0) return `[${eol}${eol}${close}]`;
    const items = value.map((v) => inner + write51(v, column + 4, eol));
    return `[${eol}${items.join(`,${eol}`)}${eol}${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return `{${eol}${eol}${close}}`;
  const lines = entries.map(([k, v]) => {
    const prefix = `${ps51String(k)}:  `;
    return inner + prefix + write51(v, column + 4 + prefix.length, eol);
  });
  return `{${eol}${lines.join(`,${eol}`)}${eol}${close}}`;
}

/**
 * Serialise like PowerShell 7 (Newtonsoft): two-space indentation, `"key": value`.
 * @param {unknown} value
 * @param {string} [eol]
 */
export function toPs7Json(value, eol = '\n') {
  const text = JSON.stringify(value, null, 2);
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/**
 * Encode text as Windows PowerShell 5.1's `>` / Out-File does: UTF-16LE with a BOM and a trailing newline.
 * @param {string} text
 */
export function encodeUtf16LeBom(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/**
 * PS 5.1's `\/Date(ms)\/` form of a date (before JSON escaping, i.e. `/Date(ms)/`).
 * @param {Date} d
 */
export function ps51Date(d) {
  return `/Date(${d.getTime()})/`;
}
