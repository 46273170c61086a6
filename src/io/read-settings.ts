import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { CasguardError, ProblemsError, type ErrorCode } from '../errors.js';
import type { Waiver } from '../engine/waivers.js';
import waiversSchema from '../engine/waivers.schema.json' with { type: 'json' };
import type { FailOn } from '../model/result.js';
import type { PackReader } from '../rulepack/resolve-packs.js';
import type { RulePackSpec } from '../rulepack/types.js';
import { describeSchemaError, lineOfPath } from '../rulepack/yaml-problems.js';
import configSchema from './config.schema.json' with { type: 'json' };
import { paramProblems } from '../rulepack/params.js';
import { PACKAGE_ROOT } from './package-root.js';
import { MAX_RESULT_BYTES, MAX_SETTINGS_BYTES, readSideFile } from './read-side-file.js';
import { loadLogRules } from './read-log-pack.js';
import { loadYamlFile } from './read-yaml.js';
import { schemaValidator } from '../schema-validator.js';

const validateConfig = schemaValidator(configSchema);
const validateWaivers = schemaValidator(waiversSchema);

/** casguard.yml as written (paths already resolved against the file's folder). */
export interface Config {
  file: string;
  packs?: string[];
  params?: Record<string, unknown>;
  overrides?: RulePackSpec['overrides'];
  failOn?: FailOn;
  waivers?: string;
  baseline?: string;
  drift?: { ignore?: string[]; expected?: string[]; map?: string[] };
  admins?: { ips?: string[]; users?: string[] };
  /** Overrides of the protocol-log rules (EXLOG-*), kept apart: they apply to the log pack, not to the packs. */
  logOverrides?: RulePackSpec['overrides'];
}

function readText(path: string, code: ErrorCode, what: string, maxBytes = MAX_SETTINGS_BYTES): string {
  return readSideFile(path, code, what, maxBytes);
}

/** YAML → data, with schema problems (all of them, with lines) as one ProblemsError. */
function loadYaml(path: string, code: ErrorCode, what: string, validator: () => ValidateFunction): unknown {
  const validate = validator();
  const { data, text } = loadYamlFile(path, code, what);
  if (!validate(data ?? {})) {
    const problems = (validate.errors ?? []).flatMap((e) => {
      const p = describeSchemaError(e);
      return p ? [{ file: path, line: lineOfPath(text, p.path.split('/').filter(Boolean)), path: p.path || '/', message: p.message }] : [];
    });
    throw new ProblemsError(code, problems);
  }
  return data ?? {};
}

const CONFIG_NAMES = ['casguard.yml', 'casguard.yaml'];

/**
 * The config a run uses when -c is not given: casguard.yml (or .yaml) in the working directory or the
 * nearest folder above it, up to the repository root (the folder holding .git) or the file-system root.
 */
export function findConfig(cwd = process.cwd()): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** Reads casguard.yml: the given path, or the one findConfig finds; undefined when there is none. */
export function loadConfig(path: string | undefined, cwd = process.cwd()): Config | undefined {
  const file = path ? resolve(cwd, path) : findConfig(cwd);
  if (!file) return undefined;
  const data = loadYaml(file, 'config/invalid', 'config file', validateConfig) as Omit<Config, 'file'>;
  const problems = paramProblems(data.params);
  if (problems.length) {
    const text = readText(file, 'config/invalid', 'config file');
    throw new ProblemsError('config/invalid', problems.map((p) => ({ file, line: lineOfPath(text, ['params', ...p.path.split('/').filter(Boolean)]), path: `/params${p.path}`, message: p.message })));
  }
  // Overrides of protocol-log rules go to the log pack; the rest to the packs (which refuse unknown ids).
  const logIds = new Set(loadLogRules().map((r) => r.id));
  const logOverrides = Object.fromEntries(Object.entries(data.overrides ?? {}).filter(([id]) => logIds.has(id)));
  if (data.overrides) data.overrides = Object.fromEntries(Object.entries(data.overrides).filter(([id]) => !logIds.has(id)));
  if (Object.keys(logOverrides).length) (data as Config).logOverrides = logOverrides;
  const here = dirname(file);
  const rel = (p: string) => (isAbsolute(p) ? p : join(here, p));
  return {
    ...data,
    file,
    ...(data.packs ? { packs: data.packs.map((p) => (/^[a-z0-9-]+$/.test(p) ? p : rel(p))) } : {}),
    ...(data.waivers ? { waivers: rel(data.waivers) } : {}),
    ...(data.baseline ? { baseline: rel(data.baseline) } : {}),
  };
}

/** Reads a waivers file (validated against its schema; every problem reported). */
export function loadWaivers(path: string): Waiver[] {
  return (loadYaml(path, 'waivers/invalid', 'waivers file', validateWaivers) as { waivers: Waiver[] }).waivers;
}

/** The fingerprints of the failing findings of an earlier JSON result. */
export function loadBaseline(path: string): Set<string> {
  const text = readText(path, 'baseline/invalid', 'baseline result', MAX_RESULT_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CasguardError('baseline/invalid', `not a casguard JSON result: ${(err as Error).message}`, { location: { file: path } });
  }
  const result = data as { schemaVersion?: unknown; findings?: unknown } | null;
  const findings = result && typeof result === 'object' && Array.isArray(result.findings) ? (result.findings as unknown[]) : undefined;
  const bad = findings?.findIndex((f) => !f || typeof f !== 'object' || typeof (f as { fingerprint?: unknown }).fingerprint !== 'string' || typeof (f as { verdict?: unknown }).verdict !== 'string');
  if (result?.schemaVersion !== '1' || !findings || (bad !== undefined && bad >= 0)) {
    throw new CasguardError('baseline/invalid', `not a casguard JSON result (schemaVersion "1" with findings${bad !== undefined && bad >= 0 ? `; finding ${bad} has no fingerprint and verdict` : ''})`, {
      location: { file: path, ...(bad !== undefined && bad >= 0 ? { pointer: `/findings/${bad}` } : {}) },
      hint: 'pass the results.json of an earlier `casguard scan --json`',
    });
  }
  const open = findings as { fingerprint: string; verdict: string }[];
  return new Set(open.filter((f) => f.verdict === 'fail' || f.verdict === 'error').map((f) => f.fingerprint));
}

/** Reads packs from rules/<id>.yaml (built-in ids) or from paths relative to the referring pack or cwd. */
export function filePackReader(cwd = process.cwd()): PackReader {
  return {
    read(ref, from) {
      const builtIn = join(PACKAGE_ROOT, 'rules', `${ref}.yaml`);
      const file = /^[a-z0-9-]+$/.test(ref) && existsSync(builtIn) ? builtIn : resolve(from ? dirname(from) : cwd, ref);
      if (!existsSync(file)) {
        throw new CasguardError('rulepack/not-found', `rule pack "${ref}" not found`, {
          location: { file: from ?? ref },
          hint: 'give a path to a pack file, or the id of a built-in pack (casguard rules list shows them)',
        });
      }
      return { file, text: readText(file, 'rulepack/not-found', 'rule pack') };
    },
  };
}
