interface YamlLine {
  indent: number;
  blank: boolean;
  item: boolean;
  key?: string;
}

interface YamlIndex {
  lines: YamlLine[];
  /** Children (keys and list indexes) of the block that starts after a line at an indent, built once each. */
  children: Map<string, Map<string, { line: number; indent: number }>>;
}

let lastIndex: { text: string; index: YamlIndex } | undefined;

function indexOf(text: string): YamlIndex {
  if (lastIndex?.text === text) return lastIndex.index;
  const lines = text.split(/\r?\n/).map((l): YamlLine => {
    const body = l.trimStart();
    const indent = l.length - body.length;
    if (body === '' || body.startsWith('#')) return { indent, blank: true, item: false };
    const item = body.startsWith('- ');
    const m = /^(['"]?)(.+?)\1\s*:(\s|$)/.exec(item ? body.slice(2) : body);
    return { indent, blank: false, item, ...(m ? { key: m[2] } : {}) };
  });
  const index = { lines, children: new Map() };
  lastIndex = { text, index };
  return index;
}

function childrenOf(index: YamlIndex, start: number, parentIndent: number): Map<string, { line: number; indent: number }> {
  const memo = `${start}:${parentIndent}`;
  let map = index.children.get(memo);
  if (map) return map;
  map = new Map();
  let items = -1;
  let itemIndent: number | undefined;
  for (let i = start; i < index.lines.length; i++) {
    const l = index.lines[i] as YamlLine;
    if (l.blank) continue;
    if (l.indent <= parentIndent && i > start) break;
    if (l.item && (itemIndent === undefined || l.indent === itemIndent)) {
      itemIndent = l.indent;
      items++;
      map.set(String(items), { line: i, indent: l.indent });
    }
    if (l.key !== undefined && l.indent > parentIndent && !map.has(l.key)) map.set(l.key, { line: i, indent: l.indent + (l.item ? 2 : 0) });
  }
  index.children.set(memo, map);
  return map;
}

/**
 * The 1-based line of a YAML path (`/rules/EXPOP-001/then/equals`) in block-style YAML, found by
 * following keys and list items by indentation. Used only to point at problems; when a segment cannot
 * be followed (flow style), the line of the deepest segment found is returned. The text is indexed
 * once, so pointing at thousands of problems stays linear.
 */
export function lineOfPath(text: string, path: readonly string[]): number {
  const index = indexOf(text);
  let start = 0;
  let parentIndent = -1;
  let found = 1;
  for (const segment of path) {
    const hit = childrenOf(index, start, parentIndent).get(segment);
    if (!hit) break;
    found = hit.line + 1;
    start = hit.line + 1;
    parentIndent = hit.indent;
  }
  return found;
}

/** The fields of an ajv error that casguard words into a problem. */
interface SchemaError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * A JSON Schema error as a problem at a YAML path: unknown properties named at their own path, enum
 * errors with the allowed values. Undefined for `oneOf`/`const`, which their branches report.
 */
export function describeSchemaError(e: SchemaError): { path: string; message: string } | undefined {
  if (e.keyword === 'oneOf' || e.keyword === 'const') return undefined;
  if (e.keyword === 'additionalProperties') {
    const name = String(e.params.additionalProperty);
    return { path: `${e.instancePath}/${name}`, message: `unknown property "${name}"` };
  }
  if (e.keyword === 'enum') return { path: e.instancePath, message: `${e.message}: ${(e.params.allowedValues as unknown[]).join(', ')}` };
  return { path: e.instancePath, message: e.message ?? 'is invalid' };
}

/** A js-yaml syntax error as a problem with its line. */
export function yamlSyntaxProblem(err: unknown, file: string): { file: string; line: number; path: string; message: string } {
  const e = err as { mark?: { line: number }; reason?: string; message: string };
  return { file, line: (e.mark?.line ?? 0) + 1, path: '', message: `invalid YAML: ${e.reason ?? e.message}` };
}

/** Nodes a pack, config or waivers file may hold once aliases are expanded (a real pack has a few thousand). */
const MAX_YAML_NODES = 200_000;

/**
 * Refuses YAML whose aliases expand past a sane size ("billion laughs": a 1 KB file that is gigabytes
 * once walked). Counts nodes as they would be visited, stopping at the bound, so the check is cheap.
 */
export function yamlSizeProblem(data: unknown): string | undefined {
  let visited = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (++visited > MAX_YAML_NODES) return `the YAML expands to more than ${MAX_YAML_NODES} values (anchors and aliases that repeat themselves?)`;
    if (v && typeof v === 'object') for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return undefined;
}
