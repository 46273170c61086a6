import { relative } from 'node:path';
import { loadLogRules } from '../io/read-log-pack.js';
import { loadConfig, type Config } from '../io/read-settings.js';
import { applyLogOverrides, type LogRule } from '../logs/rules.js';
import { terminalText } from '../report/terminal-text.js';
import { notice } from './output-prefs.js';

/** The run's config (-c, else the nearest casguard.yml), saying which file was found when -c was not given. */
export function commandConfig(flag: string | undefined): Config | undefined {
  const config = loadConfig(flag);
  if (config && !flag) notice(terminalText(`config: ${relative(process.cwd(), config.file) || config.file}`));
  return config;
}

/** The protocol-log rules in force: the log pack with casguard.yml's overrides of EXLOG rules. */
export function logRulesInForce(config: Config | undefined): LogRule[] {
  return applyLogOverrides(loadLogRules(), config?.logOverrides ?? {});
}
