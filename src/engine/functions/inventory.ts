// Checks on the export as a whole: completeness of the mailbox list, dormant exposure (EXX-008).

import { PROTOCOL_SERVICES } from '../scan-context.js';
import type { CollectionFunction, Outcome } from './types.js';
import type { Fix } from '../../model/fix.js';
import { quotePowerShell } from '../../powershell/quote.js';
import { command, fixOf } from './fix-builder.js';

/**
 * Switches a protocol off for every mailbox that has it on and is not in the allow-list (matched, as the
 * allow-list facts do, on SamAccountName, Name, Alias, Identity and every SMTP address).
 */
function dormantFix(field: 'PopEnabled' | 'ImapEnabled', allowList: readonly string[]): Fix {
  let input = `Get-CASMailbox -ResultSize Unlimited -Filter ${quotePowerShell(`${field} -eq $true`)}`;
  if (allowList.length) {
    const names = allowList.map(quotePowerShell).join(',');
    input += ` | Where-Object { $allowed = @(${names}); $names = @($_.SamAccountName, $_.Name, $_.Alias, [string]$_.Identity, [string]$_.PrimarySmtpAddress) + @($_.EmailAddresses | ForEach-Object { ([string]$_) -replace '^smtp:', '' }); -not ($names | Where-Object { $allowed -contains $_ }) }`;
  }
  return fixOf([{ ...command('Set-CASMailbox', { [field]: false }), input }]);
}

export const INVENTORY_FUNCTIONS: Record<string, CollectionFunction> = {
  mailboxExportComplete: {
    description: 'EXCAS-006: no Get-CASMailbox file holds exactly 1000 records (the default -ResultSize).',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['CASMailbox'],
    evaluate(input) {
      return input.inputs
        .filter((i) => (i.kinds.CASMailbox ?? 0) > 0)
        .map((i): Outcome => {
          const n = i.kinds.CASMailbox ?? 0;
          const cut = n === 1000;
          return {
            // The file name, not its path: a baseline taken from another folder must still match.
            identity: i.path.split(/[\\/]/).pop() as string,
            verdict: cut ? 'fail' : 'pass',
            field: 'ResultSize',
            expected: 'all mailboxes (-ResultSize Unlimited)',
            actual: `${n} records`,
            source: { path: i.path, pointer: '' },
            ...(cut ? { fix: fixOf([], ['export the mailboxes again with all of them: Get-CASMailbox -ResultSize Unlimited | ConvertTo-Json -Depth 5 | Out-File CASMailbox.json -Encoding utf8']) } : {}),
          };
        });
    },
  },

  dormantMailboxExposure: {
    description: 'EXX-008: while a protocol is off on every server, no more than params.dormantThreshold mailboxes outside the allow-list have it enabled.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['CASMailbox'],
    evaluate(input) {
      if (!input.context.hasServiceData) return [{ identity: 'CASMailbox', verdict: 'not_applicable', detail: 'no Service export: cannot tell whether the protocols are off' }];
      const threshold = typeof input.params.dormantThreshold === 'number' ? input.params.dormantThreshold : 0;
      return (['pop', 'imap'] as const).map((protocol): Outcome => {
        const { label } = PROTOCOL_SERVICES[protocol];
        const enabled = protocol === 'pop' ? input.mailboxes.popEnabledOutsideAllowList : input.mailboxes.imapEnabledOutsideAllowList;
        const field = protocol === 'pop' ? 'PopEnabled' : 'ImapEnabled';
        if (input.context.protocolInUse(protocol)) return { identity: label, verdict: 'not_applicable', field, detail: `${label} is in use` };
        const allowList = ((input.params[protocol] as { allowList?: unknown } | undefined)?.allowList ?? []) as unknown[];
        const exposed = enabled > threshold;
        return {
          identity: label,
          verdict: exposed ? 'fail' : 'pass',
          field,
          expected: `at most ${threshold} mailboxes outside the allow-list`,
          actual: `${enabled} of ${input.mailboxes.total} mailboxes`,
          detail: String(enabled),
          ...(exposed ? { fix: dormantFix(field, allowList.filter((x): x is string => typeof x === 'string')) } : {}),
        };
      });
    },
  },
};
