import { CasguardError } from '../errors.js';
import type { ServerPair } from '../drift/server-map.js';
import { loadYamlFile } from './read-yaml.js';

/** Reads a migration map file: `map: {EX2016-01: EXSE-01}` (or a list of `OLD=NEW`). */
export function loadMapFile(path: string): ServerPair[] {
  const { data } = loadYamlFile(path, 'config/invalid', 'map file');
  const map = data && typeof data === 'object' && !Array.isArray(data) ? (data as { map?: unknown }).map : undefined;
  if (map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string')) {
    return Object.entries(map as Record<string, string>).map(([from, to]) => ({ from, to }));
  }
  if (Array.isArray(map) && map.every((v) => typeof v === 'string' && v.includes('='))) {
    return (map as string[]).map((v) => ({ from: v.split('=')[0]?.trim() ?? '', to: v.split('=')[1]?.trim() ?? '' }));
  }
  throw new CasguardError('config/invalid', 'a map file holds `map:` with OLDSERVER: NEWSERVER pairs', { location: { file: path }, hint: 'map:\n  EX2016A: EXSE01' });
}
