import { Args, Flags } from '@oclif/core';
import { runSimulate } from '../app/run-simulate.js';
import { formatFlag } from '../cli/scan-flags.js';
import { notice } from '../cli/output-prefs.js';
import { terminalText } from '../report/terminal-text.js';
import { commandConfig } from '../cli/config.js';
import { BaseCommand, paragraphs } from '../cli/base-command.js';
import { writeOutputs } from '../cli/outputs.js';
import { SIMULATE_FORMATS, type SimulateFormatName } from '../cli/simulate-outputs.js';
import { HONOURED_PROTOCOLS, PROTOCOL_AUTH, type HonouredProtocol } from '../engine/client-access-match.js';
import { CasguardError } from '../errors.js';
import { scanTime } from '../io/clock.js';
import { fileExportSource } from '../io/export-source.js';
import { TOOL_VERSION } from '../io/package-root.js';
import { loadProposedRules } from '../io/read-proposed-rules.js';


const AUTH_TYPES = [...new Set(Object.values(PROTOCOL_AUTH).flat())];

export default class Simulate extends BaseCommand {
  static override summary = 'Which client access rule decides a connection: test a rule change offline before it locks anyone out.';
  static override description = paragraphs(`Evaluates the exported client access rules (Get-ClientAccessRule) for one connection as Exchange does:
in priority order, the first rule whose conditions all match and none of whose exceptions match decides;
a connection no rule matches is allowed. Prints every rule it passed over and why, and the decision.
Conditions the exports cannot resolve (group membership, a recipient filter) make the decision "depends".
--rules adds or replaces rules (by Name, at their -Priority) before simulating, so a change can be tried
first; --matrix checks every protocol from every administrator address in casguard.yml (admins: ips,
users) and reports any address from which every administrator would be blocked.

Exchange Server honours client access rules for ExchangeAdminCenter and RemotePowerShell only.

EXIT CODES
  0  allowed (--matrix: no lock-out)
  1  blocked, or it depends on what the exports cannot tell (--matrix: a possible or certain lock-out)
  2  could not run: bad flags, no client access rule export, an unreadable export or rules file
  3  internal error (a bug in casguard: please report it with --verbose output)`);

  static override examples = [
    '<%= config.bin %> <%= command.id %> exports/ --protocol RemotePowerShell --ip 203.0.113.7 --user contoso\\\\admin --auth BasicAuthentication',
    '<%= config.bin %> <%= command.id %> exports/ --rules proposed.yaml --protocol ExchangeAdminCenter --ip 10.1.2.3 --user contoso\\\\jane',
    '<%= config.bin %> <%= command.id %> exports/ --rules proposed.yaml --matrix -c casguard.yml',
  ];
  static override strict = false;
  static override args = { exports: Args.string({ description: 'exports (files or folders) holding Get-ClientAccessRule, and Get-ExchangeServer to check the version', required: true }) };
  static override flags = {
    config: Flags.string({ char: 'c', description: 'casguard.yml with admins: {ips, users} for --matrix (default ./casguard.yml when present)' }),
    protocol: Flags.option({ description: 'the protocol of the connection', options: [...HONOURED_PROTOCOLS] })(),
    ip: Flags.string({ description: 'client IP address, IPv4 or IPv6 (repeatable with --matrix)', multiple: true }),
    user: Flags.string({ description: 'account, as <Domain>\\<User> (what UsernameMatchesAnyOfPatterns matches) or user@domain (repeatable with --matrix)', multiple: true }),
    auth: Flags.option({ description: 'authentication type of the connection', options: AUTH_TYPES })(),
    port: Flags.integer({ description: 'client source TCP port', min: 0, max: 65535 }),
    rules: Flags.string({ description: 'proposed rules (YAML or JSON list with New-ClientAccessRule property names) to add or replace before simulating' }),
    matrix: Flags.boolean({ description: 'simulate every protocol × administrator address × administrator account × authentication type' }),
    format: formatFlag(Object.keys(SIMULATE_FORMATS) as SimulateFormatName[]),
    output: Flags.string({ char: 'o', description: 'write to this file (one format) or directory (several: simulation.json, simulation.txt)' }),
  };
  static override enableJsonFlag = true;

  async run(): Promise<undefined> {
    const { argv, flags } = await this.parse(Simulate);
    const config = commandConfig(flags.config);
    if (flags.auth && flags.protocol && !PROTOCOL_AUTH[flags.protocol as HonouredProtocol].includes(flags.auth)) {
      throw new CasguardError('usage/invalid-arguments', `${flags.protocol} connections do not use ${flags.auth} (${flags.protocol} takes ${PROTOCOL_AUTH[flags.protocol as HonouredProtocol].join(' or ')})`);
    }
    const ips = flags.ip ?? (flags.matrix ? (config?.admins?.ips ?? []) : []);
    const users = flags.user ?? (flags.matrix ? (config?.admins?.users ?? []) : []);
    const result = await runSimulate(
      {
        inputs: argv as string[],
        ...(flags.protocol ? { protocol: flags.protocol as HonouredProtocol } : {}),
        ips,
        users,
        ...(flags.auth ? { auth: flags.auth } : {}),
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        matrix: flags.matrix,
        ...(flags.rules ? { proposed: { file: flags.rules, rules: loadProposedRules(flags.rules) } } : {}),
        now: scanTime(),
        toolVersion: TOOL_VERSION,
      },
      fileExportSource,
    );
    const formats: SimulateFormatName[] = this.jsonEnabled() ? ['json'] : (flags.format ?? []);
    const written = await writeOutputs(result, formats, this.jsonEnabled() ? undefined : flags.output, { inputs: argv as string[] }, SIMULATE_FORMATS);
    for (const path of written) notice(`wrote ${terminalText(path)}`);
    process.exitCode = result.exitCode;
    return undefined;
  }
}
