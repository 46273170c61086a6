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

  it('ships the export script that produces correct files', () => {
    const script = readFileSync(join(ROOT, 'examples', 'export', 'Export-CasGuardData.ps1'), 'utf8');
    for (const needle of ['Get-PopSettings', 'Get-ImapSettings', 'Get-CASMailbox', 'Get-ClientAccessRule', 'Get-ExchangeServer', '-ResultSize Unlimited', '-Depth', 'UTF8Encoding', 'casguardManifest', 'MSExchangeIMAP4BE']) {
      expect(script, needle).toContain(needle);
    }
  });
});
