import { displayValue } from './format-value.js';

/** A message template split once into text and `{{name}}` placeholders. */
export interface CompiledTemplate {
  readonly parts: readonly string[];
  /** Placeholder names, at the odd indexes of `parts`. */
  readonly names: readonly string[];
}

export function compileTemplate(template: string): CompiledTemplate {
  const parts = template.split(/\{\{\s*([^}\s]+)\s*\}\}/);
  return { parts, names: parts.filter((_, i) => i % 2 === 1) };
}

/** Fills placeholders from `vars`, then from the record's properties; a value neither has reads "(name unknown)". */
export function renderTemplate(template: CompiledTemplate | string, vars: Readonly<Record<string, string | undefined>>, props: Readonly<Record<string, unknown>>): string {
  const { parts } = typeof template === 'string' ? compileTemplate(template) : template;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) {
      out += part;
      continue;
    }
    const value = vars[part] ?? (Object.hasOwn(props, part) ? displayValue(props[part], part) : undefined);
    out += value === undefined ? `(${part} unknown)` : value;
  }
  return out;
}
