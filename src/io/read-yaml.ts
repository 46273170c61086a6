import yaml from 'js-yaml';
import { CasguardError, ProblemsError, type ErrorCode } from '../errors.js';
import { yamlSizeProblem, yamlSyntaxProblem } from '../rulepack/yaml-problems.js';
import { MAX_SETTINGS_BYTES, readSideFile } from './read-side-file.js';

/**
 * A hand-written YAML (or JSON) side file as data and text: a regular file of at most 4 MB, plain YAML
 * types only (CORE_SCHEMA: no custom tags), and no alias expansion past the size limit.
 */
export function loadYamlFile(path: string, code: ErrorCode, what: string): { data: unknown; text: string } {
  const text = readSideFile(path, code, what, MAX_SETTINGS_BYTES);
  let data: unknown;
  try {
    data = yaml.load(text, { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (err) {
    throw new ProblemsError(code, [yamlSyntaxProblem(err, path)]);
  }
  const big = yamlSizeProblem(data);
  if (big) throw new CasguardError(code, big, { location: { file: path } });
  return { data, text };
}
