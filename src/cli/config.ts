import { relative } from 'node:path';
import { loadConfig, type Config } from '../io/read-settings.js';
import { terminalText } from '../report/terminal-text.js';
import { notice } from './output-prefs.js';

/** The run's config (-c, else the nearest casguard.yml), saying which file was found when -c was not given. */
export function commandConfig(flag: string | undefined): Config | undefined {
  const config = loadConfig(flag);
  if (config && !flag) notice(terminalText(`config: ${relative(process.cwd(), config.file) || config.file}`));
  return config;
}
