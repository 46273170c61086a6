// Writes a large Get-CASMailbox export in Windows PowerShell 5.1 formatting (as `ConvertTo-Json -Depth 5`
// would in EMS), streaming so that the generator itself never holds the file in memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { casMailboxLive } from '../support/exchange-objects.js';
import { toPs51Json } from '../support/ps-json.js';
import { createCliXmlWriter } from '../support/ps-clixml.js';

/**
 * Write `count` mailboxes as one PS 5.1 JSON array to `path` in `encoding` ('utf8' or 'utf16le' with BOM).
 * Stops once `maxBytes` is reached when given (to make a file of a given size). Returns bytes and records written.
 * @param {string} path
 * `changeEvery`: every n-th mailbox gets PopEnabled and ImapEnabled flipped (the "current" side of a drift bench).
 * `format: 'clixml'` writes Export-Clixml instead (UTF-16LE is what Windows PowerShell's Export-Clixml writes).
 * @param {{count?: number, maxBytes?: number, encoding?: 'utf8' | 'utf16le', changeEvery?: number, format?: 'json' | 'clixml'}} options
 */
export async function generateCasExport(path, { count = Infinity, maxBytes = Infinity, encoding = 'utf8', changeEvery = 0, format = 'json' }) {
  const clixml = format === 'clixml' ? createCliXmlWriter() : undefined;
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  const unit = encoding === 'utf16le' ? 2 : 1;
  let bytes = 0;
  const write = async (text) => {
    const buf = Buffer.from(text, encoding);
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  if (encoding === 'utf16le') {
    out.write(Buffer.from([0xff, 0xfe]));
    bytes += 2;
  }
  await write(clixml ? clixml.begin() : '[\r\n');
  let i = 0;
  let batch = '';
  for (; i < count && bytes + batch.length * unit < maxBytes; i++) {
    const mailbox = casMailboxLive(i);
    if (changeEvery && i % changeEvery === 0) {
      mailbox.PopEnabled = !mailbox.PopEnabled;
      mailbox.ImapEnabled = !mailbox.ImapEnabled;
    }
    if (clixml) {
      batch += clixml.object(mailbox);
    } else {
      const element = toPs51Json(mailbox, '\r\n').replace(/\r\n/g, '\r\n    ');
      batch += (i === 0 ? '    ' : ',\r\n    ') + element;
    }
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(clixml ? batch + clixml.end() : `${batch}\r\n]\r\n`);
  out.end();
  await once(out, 'finish');
  return { bytes, records: i };
}
