import { compareText } from '../report/compare-text.js';
import { ProblemsError } from '../errors.js';
import type { RulePackSpec, ResolvedPacks, ResolvedRule } from './types.js';
import { parsePack, type PackProblem } from './load-pack.js';
import { lineOfPath } from './yaml-problems.js';

/** Reads a pack file's text by reference: a built-in id or a path relative to the referring pack. */
export interface PackReader {
  read(ref: string, from?: string): { file: string; text: string };
}

/** User settings that apply on top of the packs (from casguard.yml). */
export interface PackSettings {
  params?: Record<string, unknown>;
  overrides?: RulePackSpec['overrides'];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; lists and scalars are replaced. */
export function mergeParams(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? mergeParams(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/**
 * Loads the packs (following `extends` depth-first, each pack once), merges rules, params and overrides
 * in order, then applies the user's settings. Every problem in every pack is collected; if any, throws
 * one ProblemsError listing them all.
 */
export function resolvePacks(refs: readonly string[], reader: PackReader, settings: PackSettings = {}, settingsFile = 'casguard.yml'): ResolvedPacks {
  const problems: PackProblem[] = [];
  const loaded: { pack: RulePackSpec; file: string; text: string }[] = [];
  const seen = new Set<string>();

  const visit = (ref: string, from: string | undefined, chain: string[]) => {
    const { file, text } = reader.read(ref, from);
    if (chain.includes(file)) {
      problems.push({ file, line: 1, path: '/extends', message: `extends itself through ${[...chain, file].join(' → ')}` });
      return;
    }
    if (seen.has(file)) return;
    seen.add(file);
    const { pack, problems: found } = parsePack(text, file);
    problems.push(...found);
    if (!pack) return;
    for (const parent of pack.extends ?? []) visit(parent, file, [...chain, file]);
    loaded.push({ pack, file, text });
  };
  for (const ref of refs) visit(ref, undefined, []);

  const rules = new Map<string, ResolvedRule>();
  let params: Record<string, unknown> = {};
  const applyOverrides = (overrides: RulePackSpec['overrides'], file: string, text = '') => {
    for (const [id, o] of Object.entries(overrides ?? {})) {
      const rule = rules.get(id);
      if (!rule) {
        problems.push({ file, line: lineOfPath(text, ['overrides', id]), path: `/overrides/${id}`, message: `override of unknown rule ${id}` });
        continue;
      }
      if (o === 'off') rules.delete(id);
      else rule.severity = o.severity;
    }
  };
  for (const { pack, file, text } of loaded) {
    for (const [id, spec] of Object.entries(pack.rules ?? {})) {
      const existing = rules.get(id);
      if (existing) {
        problems.push({ file, line: lineOfPath(text, ['rules', id]), path: `/rules/${id}`, message: `rule ${id} is already defined by pack ${existing.pack}: rule ids never change meaning — use overrides to change severity or switch it off` });
        continue;
      }
      rules.set(id, { ...spec, id, pack: pack.id });
    }
    params = mergeParams(params, pack.params ?? {});
    applyOverrides(pack.overrides, file, text);
  }
  params = mergeParams(params, settings.params ?? {});
  applyOverrides(settings.overrides, settingsFile);
  if (problems.length > 0) throw new ProblemsError('rulepack/invalid', problems, 'fix every problem listed, then run `casguard rules validate <pack>`');
  return {
    packs: loaded.map(({ pack }) => ({ id: pack.id, version: pack.version })),
    rules: [...rules.values()].sort((a, b) => compareText(a.id, b.id)),
    params,
  };
}
