import yaml from 'js-yaml';
import { CasguardError, ProblemsError } from '../errors.js';
import type { ServerPair } from '../drift/server-map.js';
import { yamlSizeProblem, yamlSyntaxProblem } from '../rulepack/yaml-problems.js';
import { MAX_SETTINGS_BYTES, readSideFile } from './read-side-file.js';

/** Reads a migration map file: `map: {EX2016-01: EXSE-01}` (or a list of `OLD=NEW`). */
export function loadMapFile(path: string): ServerPair[] {
  const text = readSideFile(path, 'config/invalid', 'map file', MAX_SETTINGS_BYTES);
  let data: unknown;
  try {
    data = yaml.load(text, { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (err) {
    throw new ProblemsError('config/invalid', [yamlSyntaxProblem(err, path)]);
  }
  const big = yamlSizeProblem(data);
  if (big) throw new CasguardError('config/invalid', big, { location: { file: path } });
  const map = data && typeof data === 'object' && !Array.isArray(data) ? (data as { map?: unknown }).map : undefined;
  if (map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string')) {
    return Object.entries(map as Record<string, string>).map(([from, to]) => ({ from, to }));
  }
  if (Array.isArray(map) && map.every((v) => typeof v === 'string' && v.includes('='))) {
    return (map as string[]).map((v) => ({ from: v.split('=')[0]?.trim() ?? '', to: v.split('=')[1]?.trim() ?? '' }));
  }
  throw new CasguardError('config/invalid', 'a map file holds `map:` with OLDSERVER: NEWSERVER pairs', { location: { file: path }, hint: 'map:\n  EX2016A: EXSE01' });
}
