import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import AjvModule from 'ajv';
import yaml from 'js-yaml';
import { CasguardError, ProblemsError, type ErrorCode } from '../errors.js';
import type { Waiver } from '../engine/waivers.js';
import waiversSchema from '../engine/waivers.schema.json' with { type: 'json' };
import type { FailOn } from '../model/result.js';
import type { PackReader } from '../rulepack/resolve-packs.js';
import type { RulePackSpec } from '../rulepack/types.js';
import { describeSchemaError, lineOfPath, yamlSyntaxProblem } from '../rulepack/yaml-problems.js';
import configSchema from './config.schema.json' with { type: 'json' };
import { PACKAGE_ROOT } from './package-root.js';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ allErrors: true, strict: false });
const validateConfig = ajv.compile(configSchema);
const validateWaivers = ajv.compile(waiversSchema);

/** casguard.yml as written (paths already resolved against the file's folder). */
export interface Config {
  file: string;
  packs?: string[];
  params?: Record<string, unknown>;
  overrides?: RulePackSpec['overrides'];
  failOn?: FailOn;
  waivers?: string;
  baseline?: string;
}

function readText(path: string, code: ErrorCode, what: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CasguardError(code, e.code === 'ENOENT' ? `${what} not found` : `cannot read ${what}: ${e.message}`, { location: { file: path }, cause: err });
  }
}

/** YAML → data, with schema problems (all of them, with lines) as one ProblemsError. */
function loadYaml(path: string, code: ErrorCode, what: string, validate: ReturnType<typeof ajv.compile>): unknown {
  const text = readText(path, code, what);
  let data: unknown;
  try {
    data = yaml.load(text, { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (err) {
    throw new ProblemsError(code, [yamlSyntaxProblem(err, path)]);
  }
  if (!validate(data ?? {})) {
    const problems = (validate.errors ?? []).flatMap((e) => {
      const p = describeSchemaError(e);
      return p ? [{ file: path, line: lineOfPath(text, p.path.split('/').filter(Boolean)), path: p.path || '/', message: p.message }] : [];
    });
    throw new ProblemsError(code, problems);
  }
  return data ?? {};
}

/** Reads casguard.yml: the given path, or ./casguard.yml when it exists; undefined when there is none. */
export function loadConfig(path: string | undefined, cwd = process.cwd()): Config | undefined {
  const file = path ? resolve(cwd, path) : join(cwd, 'casguard.yml');
  if (!path && !existsSync(file)) return undefined;
  const data = loadYaml(file, 'config/invalid', 'config file', validateConfig) as Omit<Config, 'file'>;
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
  const text = readText(path, 'baseline/invalid', 'baseline result');
  let data: { schemaVersion?: unknown; findings?: { fingerprint?: unknown; verdict?: unknown }[] };
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof data;
  } catch (err) {
    throw new CasguardError('baseline/invalid', `not a casguard JSON result: ${(err as Error).message}`, { location: { file: path } });
  }
  if (data.schemaVersion !== '1' || !Array.isArray(data.findings)) {
    throw new CasguardError('baseline/invalid', 'not a casguard JSON result (schemaVersion "1" with findings)', { location: { file: path }, hint: 'pass the results.json of an earlier `casguard scan --json`' });
  }
  return new Set(data.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error').map((f) => String(f.fingerprint)));
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
