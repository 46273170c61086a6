// The `remediation` of a rule: commands parsed once when the pack loads. A value is either a literal the
// pack wrote (checked to be inert: no expansion, no sub-expression) or a whole `{{placeholder}}`, which is
// filled with psArgument when the finding is rendered — so no exported value ever lands inside "…".

import { compileTemplate, type CompiledTemplate } from '../report/render-template.js';

export interface CommandTemplate {
  cmdlet: string;
  args: { name: string; literal?: string; placeholder?: string }[];
}

export interface FixTemplate {
  commands: CommandTemplate[];
  /** Restart the protocol's two services on the record's server after the commands. */
  restart: boolean;
  manual?: CompiledTemplate;
}

/** The remediation as a pack writes it. */
export interface RemediationSpec {
  run?: string[];
  restart?: boolean;
  manual?: string;
}

const CMDLET = /^[A-Z][a-z]+-[A-Za-z0-9]+$/;
const PARAMETER = /^-([A-Za-z][A-Za-z0-9]*(?::\$(?:true|false))?)$/;
const PLACEHOLDER = /^\{\{\s*([A-Za-z][\w.]*)\s*\}\}$/;
const ITEM = [
  /^\$(?:true|false|null)$/,
  /^[A-Za-z0-9_.:\\/[\]][A-Za-z0-9_.:\\/[\]-]*$/,
  /^'[^'\u2018-\u201b\r\n]*'$/,
  /^"[^"\u201c-\u201e$`\r\n]*"$/,
  /^@\{(?:Add|Remove)=(?:'[^'\u2018-\u201b\r\n]*'|"[^"\u201c-\u201e$`\r\n]*")\}$/,
];

/** Splits on blanks and commas outside quotes and braces (commas kept apart with `sep`). */
function split(text: string, sep: RegExp): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let braces = 0;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '{') {
      braces++;
      current += c;
    } else if (c === '}') {
      braces--;
      current += c;
    } else if (braces === 0 && sep.test(c)) {
      if (current) out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current) out.push(current);
  return out;
}

/** A literal argument the pack may write: constants, quoted text without expansion, @{Add=…}; lists of those. */
export function isInertLiteral(value: string): boolean {
  const items = split(value, /,/);
  return items.length > 0 && !value.startsWith(',') && !value.endsWith(',') && items.every((i) => ITEM.some((re) => re.test(i)));
}

/** Parses one `run` line, or says what is wrong with it. */
export function parseCommandTemplate(line: string): CommandTemplate | string {
  const tokens = split(line.trim(), /\s/);
  const cmdlet = tokens.shift();
  if (!cmdlet || !CMDLET.test(cmdlet)) return `"${line}" does not start with a cmdlet (Verb-Noun); pipelines, scripts and prose belong in \`manual\``;
  const args: CommandTemplate['args'] = [];
  while (tokens.length) {
    const name = PARAMETER.exec(tokens.shift() as string)?.[1];
    if (!name) return `"${line}": expected -Parameter names and values`;
    if (name === 'WhatIf') return `"${line}": leave -WhatIf out; the remediation script adds it to every change`;
    const next = tokens[0];
    if (next === undefined || next.startsWith('-')) {
      args.push({ name });
      continue;
    }
    tokens.shift();
    const placeholder = PLACEHOLDER.exec(next)?.[1];
    if (placeholder) args.push({ name, placeholder });
    else if (next.includes('{{')) return `"${line}": a placeholder must be the whole value of -${name}, never inside quotes or next to other text`;
    else if (!isInertLiteral(next)) return `"${line}": the value of -${name} (${next}) is not an inert literal (a constant, '…', "…" without $ or backtick, @{Add=…})`;
    else args.push({ name, literal: next });
  }
  return { cmdlet, args };
}

/** Compiles a rule's remediation; problems are returned with the index of the offending line. */
export function compileFixTemplate(spec: RemediationSpec): { fix?: FixTemplate; problems: { index?: number; message: string }[] } {
  const problems: { index?: number; message: string }[] = [];
  const commands: CommandTemplate[] = [];
  (spec.run ?? []).forEach((line, index) => {
    const parsed = parseCommandTemplate(line);
    if (typeof parsed === 'string') problems.push({ index, message: parsed });
    else commands.push(parsed);
  });
  if (problems.length) return { problems };
  return { fix: { commands, restart: spec.restart === true, ...(spec.manual ? { manual: compileTemplate(spec.manual) } : {}) }, problems };
}

/** Placeholders a remediation uses. */
export function fixPlaceholders(fix: FixTemplate): string[] {
  return [...fix.commands.flatMap((c) => c.args.flatMap((a) => (a.placeholder ? [a.placeholder] : []))), ...(fix.manual?.names ?? [])];
}
