// Writes objects as Export-Clixml does (MS-PSRP §2.2.5): <Objs>, <Obj RefId> with <TN>/<TNRef> type
// names, <Props> for properties, <LST> for lists, enums as <ToString> plus <I32>, _xHHHH_ escapes for
// characters XML cannot hold. Used to give the same organisation as JSON and as CliXml.

const NS = 'http://schemas.microsoft.com/powershell/2004/04';

function xmlText(s) {
  // Control characters and a literal `_x` are written as _xHHHH_, as PowerShell's serializer does.
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
  const escaped = s.replace(/_x/g, '_x005F_x').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escaped.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '_x000D_').replace(/\n/g, '_x000A_');
}

function attr(name) {
  return name === undefined ? '' : ` N="${xmlText(name).replace(/"/g, '&quot;')}"`;
}

/**
 * A CliXml writer that keeps type-name and reference ids across objects, as one Export-Clixml run does:
 * `begin()`, then `object(o)` for each top-level object, then `end()`, each returning text.
 * `options.enums` maps a property name to its enum table ({name, byNumber}) so that numbers of enum
 * properties are written as enum objects; `options.types` maps a property name to a type name.
 */
export function createCliXmlWriter(options = {}) {
  const enums = options.enums ?? {};
  const types = options.types ?? {};
  const typeIds = new Map();
  let refId = 0;
  const eol = options.eol ?? '\r\n';

  function typeNames(names, indent) {
    const key = names.join('|');
    if (typeIds.has(key)) return `${indent}<TNRef RefId="${typeIds.get(key)}" />`;
    const id = typeIds.size;
    typeIds.set(key, id);
    return [`${indent}<TN RefId="${id}">`, ...names.map((t) => `${indent}  <T>${xmlText(t)}</T>`), `${indent}</TN>`].join(eol);
  }

  function enumText(table, value) {
    const name = table.byNumber.get(value);
    if (name !== undefined || !table.flags) return name ?? String(value);
    const names = [...table.byNumber].filter(([bit]) => bit > 0 && (value & bit) === bit).map(([, n]) => n);
    return names.length ? names.join(', ') : String(value);
  }

  function write(value, name, indent, typeName) {
    const n = attr(name);
    if (value === null || value === undefined) return `${indent}<Nil${n} />`;
    if (typeof value === 'boolean') return `${indent}<B${n}>${value}</B>`;
    if (typeof value === 'number') {
      const table = name !== undefined ? enums[name] : undefined;
      if (table && Number.isInteger(value)) {
        const lines = [`${indent}<Obj${n} RefId="${refId++}">`, typeNames([`Microsoft.Exchange.Data.${table.name}`, 'System.Enum', 'System.ValueType', 'System.Object'], `${indent}  `)];
        lines.push(`${indent}  <ToString>${xmlText(enumText(table, value))}</ToString>`, `${indent}  <I32>${value}</I32>`, `${indent}</Obj>`);
        return lines.join(eol);
      }
      if (!Number.isInteger(value)) return `${indent}<Db${n}>${value}</Db>`;
      return Math.abs(value) > 2147483647 ? `${indent}<I64${n}>${value}</I64>` : `${indent}<I32${n}>${value}</I32>`;
    }
    if (typeof value === 'string') return `${indent}<S${n}>${xmlText(value)}</S>`;
    const lines = [`${indent}<Obj${n} RefId="${refId++}">`];
    if (Array.isArray(value)) {
      lines.push(typeNames(['System.Object[]', 'System.Array', 'System.Object'], `${indent}  `), `${indent}  <LST>`);
      for (const item of value) lines.push(write(item, undefined, `${indent}    `));
      lines.push(`${indent}  </LST>`);
    } else {
      lines.push(typeNames([typeName ?? 'System.Management.Automation.PSCustomObject', 'System.Object'], `${indent}  `), `${indent}  <Props>`);
      for (const [key, v] of Object.entries(value)) lines.push(write(v, key, `${indent}    `, types[key]));
      lines.push(`${indent}  </Props>`);
    }
    lines.push(`${indent}</Obj>`);
    return lines.join(eol);
  }

  return {
    begin: () => `<Objs Version="1.1.0.1" xmlns="${NS}">${eol}`,
    object: (o) => write(o, undefined, '  ', options.recordType) + eol,
    end: () => `</Objs>${eol}`,
  };
}

/** `objects` as one CliXml text (see createCliXmlWriter for the options). */
export function toCliXml(objects, options = {}) {
  const writer = createCliXmlWriter(options);
  return writer.begin() + objects.map((o) => writer.object(o)).join('') + writer.end();
}
