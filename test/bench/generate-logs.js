// Writes POP3 protocol logs of a given size (Exchange 2016+ layout), streaming: sessions of five lines
// from a few thousand client addresses, a fifth of them logging on in clear.

import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const HEADER = '#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.004\r\n#Log-type: POP3 Protocol Log\r\n#Date: 2026-11-20T00:00:00.000Z\r\n#Fields: dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context,puid\r\n';

/**
 * @param {string} dir folder that receives EX01/Pop3/POP3*.LOG files of about 256 MB each
 * @param {number} bytes total size
 */
export async function generateLogs(dir, bytes) {
  const folder = join(dir, 'EX01', 'Pop3');
  mkdirSync(folder, { recursive: true });
  let written = 0;
  let lines = 0;
  let session = 0;
  for (let file = 0; written < bytes; file++) {
    const out = createWriteStream(join(folder, `POP320261120${String(file).padStart(2, '0')}-1.LOG`));
    out.write(HEADER);
    let fileBytes = 0;
    while (fileBytes < 256 * 1024 * 1024 && written < bytes) {
      let batch = '';
      for (let k = 0; k < 2000; k++, session++) {
        const t = new Date(Date.UTC(2026, 10, 20) + session * 10).toISOString();
        const id = session.toString(16).toUpperCase().padStart(16, '0');
        const clear = session % 5 === 0;
        const port = clear ? 110 : 995;
        const client = `10.1.${(session >> 8) & 7}.${session & 255}:${50000 + (session % 10000)}`;
        const user = `CORP\\user${session % 4000}`;
        batch += `${t},${id},0,10.0.0.5:${port},${client},,0,0,53,OpenSession,,,\r\n`;
        batch += `${t},${id},1,10.0.0.5:${port},${client},,1,12,140,user,user${session % 4000},R=+OK,\r\n`;
        batch += `${t},${id},2,10.0.0.5:${port},${client},${user},15,20,30,pass,*****,R=+OK;Msg=Proxy:ex02.corp.contoso.com:1995:SSL,\r\n`;
        batch += `${t},${id},3,10.0.0.5:${port},${client},${user},1,6,200,stat,,R=+OK,\r\n`;
        batch += `${t},${id},4,10.0.0.5:${port},${client},${user},0,0,0,CloseSession,,,\r\n`;
        lines += 5;
      }
      const buf = Buffer.from(batch);
      fileBytes += buf.length;
      written += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  return { bytes: written, lines };
}
