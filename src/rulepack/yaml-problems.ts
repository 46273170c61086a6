/**
 * The 1-based line of a YAML path (`/rules/EXPOP-001/then/equals`) in block-style YAML, found by
 * following keys and list items by indentation. Used only to point at problems; when a segment cannot
 * be followed (flow style), the line of the deepest segment found is returned.
 */
export function lineOfPath(text: string, path: readonly string[]): number {
  const lines = text.split(/\r?\n/);
  let line = 0;
  let parentIndent = -1;
  let found = 1;
  for (const segment of path) {
    let hit = -1;
    let index = -1;
    for (let i = line; i < lines.length; i++) {
      const l = lines[i] as string;
      if (/^\s*(#.*)?$/.test(l)) continue;
      const indent = l.length - l.trimStart().length;
      if (indent <= parentIndent && i > line) break;
      const body = l.trimStart();
      if (/^\d+$/.test(segment) && body.startsWith('- ')) {
        if (indent > parentIndent) index++;
        if (index === Number(segment)) {
          hit = i;
          parentIndent = indent;
          break;
        }
        continue;
      }
      const key = body.replace(/^- /, '');
      const m = /^(['"]?)(.+?)\1\s*:(\s|$)/.exec(key);
      if (m && m[2] === segment && indent > parentIndent) {
        hit = i;
        parentIndent = indent + (body.startsWith('- ') ? 2 : 0);
        break;
      }
    }
    if (hit < 0) break;
    found = hit + 1;
    line = hit + 1;
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
