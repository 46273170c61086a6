import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../support/build-examples.js';
import { ROOT } from '../support/run-cli.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('examples/', () => {
  const root = join(ROOT, 'examples', 'contoso');

  it('holds exactly what test/support/build-examples.js writes (run it after changing the builders)', () => {
    const expected = exampleFiles();
    const actual = listFiles(root).map((p) => relative(root, p).split('\\').join('/')).sort();
    expect(actual).toEqual(Object.keys(expected).sort());
    for (const [rel, bytes] of Object.entries(expected)) {
      expect(readFileSync(join(root, rel)).equals(bytes), rel).toBe(true);
    }
  });

  // No PowerShell runs here (Debian has no pwsh package), so the script is checked for what it must do.
  it('ships the export script that produces correct files', () => {
    const script = readFileSync(join(ROOT, 'examples', 'export', 'Export-CasGuardData.ps1'), 'utf8');
    for (const needle of ['Get-PopSettings', 'Get-ImapSettings', 'Get-CASMailbox', 'Get-ClientAccessRule', 'Get-ExchangeServer', '-ResultSize Unlimited', '-Depth', 'UTF8Encoding', 'casguardManifest', 'MSExchangeIMAP4BE']) {
      expect(script, needle).toContain(needle);
    }
    // -Format Clixml writes Export-Clixml files; JSON stays the default.
    expect(script).toMatch(/\[ValidateSet\('Json', 'Clixml'\)\]\s*\[string\] \$Format = 'Json'/);
    expect(script).toMatch(/Export-Clixml -InputObject @\(\$Objects\) -Path \$path/);
    expect(script).toMatch(/\| Export-Clixml -Path \$path/);
    // A shell without Get-ClientAccessRule records "not exported" instead of writing [] ("no rules").
    expect(script).toMatch(/else \{\s*#[^\n]*\n\s*\$notExported\['ClientAccessRule'\]/);
    expect(script).not.toMatch(/Kind 'ClientAccessRule' -Objects @\(\)/);
    // One unreachable server is recorded and the export goes on; -Server takes FQDNs; health mailboxes; Win32_Service.
    expect(script).toMatch(/catch \{ \$unreachable\[\$t\.Name\]/);
    expect(script).toContain('[string]$_.Fqdn -eq $s');
    expect(script).toContain('Get-CASMailbox -Monitoring -ResultSize Unlimited');
    expect(script).toContain('Get-CimInstance -ClassName Win32_Service');
    expect(script).toMatch(/Runs on Windows, in the Exchange Management Shell/);
  });
});

describe('examples/contoso-pack.yaml', () => {
  it('validates, extends the baseline and finds the published POP3 namespace', async () => {
    const { runCli } = await import('../support/run-cli.js');
    expect(runCli(['rules', 'validate', 'examples/contoso-pack.yaml']).stdout).toBe('examples/contoso-pack.yaml: valid — 64 rules in force (exchange-baseline 1.0.0, contoso 1.0.0)\n');
    const scan = runCli(['scan', 'examples/contoso', '-p', 'examples/contoso-pack.yaml', '--json']);
    const result = JSON.parse(scan.stdout) as { findings: { ruleId: string; identity: string; verdict: string }[] };
    expect(result.findings.filter((f) => f.ruleId === 'CONTOSO-001' && f.verdict === 'fail').map((f) => f.identity).sort()).toEqual(['EX2016A', 'EX2016B', 'EXSE01', 'EXSE02']);
    expect(result.findings.some((f) => f.ruleId === 'EXPOP-016')).toBe(false);
  });
});

describe('the package', () => {
  it('ships what the README points to (export script, example config, waivers, proposed rules, CI examples, LICENSE) and no example reports', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const files = (JSON.parse(run.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const f of ['LICENSE', 'README.md', 'bin/run.js', 'examples/export/Export-CasGuardData.ps1', 'examples/casguard.yml', 'examples/waivers.yaml', 'examples/proposed-rules.yaml', 'examples/ci/github-actions.yml', 'rules/exchange-baseline.yaml', 'rules/exchange-logs.yaml', 'templates/report.hbs']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('dist/examples-report'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });
});
