// Checks on the export as a whole: completeness of the mailbox list, dormant exposure (EXX-008).

import { PROTOCOL_SERVICES } from '../scan-context.js';
import type { CollectionFunction, Outcome } from './types.js';

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
          return { identity: i.path, verdict: n === 1000 ? 'fail' : 'pass', field: 'ResultSize', expected: 'all mailboxes (-ResultSize Unlimited)', actual: `${n} records`, source: { path: i.path, pointer: '' } };
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
        return { identity: label, verdict: enabled > threshold ? 'fail' : 'pass', field, expected: `at most ${threshold} mailboxes outside the allow-list`, actual: `${enabled} of ${input.mailboxes.total} mailboxes`, detail: String(enabled) };
      });
    },
  },
};
