import { join } from 'node:path';
import { CasguardError } from '../errors.js';
import type { LogRule } from '../logs/rules.js';
import schema from '../logs/log-pack.schema.json' with { type: 'json' };
import { PACKAGE_ROOT } from './package-root.js';
import { loadYamlFile } from './read-yaml.js';
import { schemaValidator } from '../schema-validator.js';

const validator = schemaValidator(schema);

let builtIn: LogRule[] | undefined;

/** The built-in protocol-log rules (rules/exchange-logs.yaml), read and checked once. */
export function loadLogRules(file = join(PACKAGE_ROOT, 'rules', 'exchange-logs.yaml')): LogRule[] {
  if (builtIn && file === join(PACKAGE_ROOT, 'rules', 'exchange-logs.yaml')) return builtIn;
  const { data } = loadYamlFile(file, 'rulepack/invalid', 'log rule pack');
  const validate = validator();
  if (!validate(data)) throw new CasguardError('rulepack/invalid', `invalid log rule pack: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`, { location: { file } });
  const pack = data as { id: string; rules: Record<string, Omit<LogRule, 'id' | 'pack'>> };
  const rules = Object.entries(pack.rules).map(([id, r]) => ({ id, ...r, pack: pack.id }));
  if (file === join(PACKAGE_ROOT, 'rules', 'exchange-logs.yaml')) builtIn = rules;
  return rules;
}
