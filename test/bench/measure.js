// One benchmark measurement in a fresh process: prints {ms, records, maxRssMB} as JSON.
import { readFileSync } from 'node:fs';
import { runInspect } from '../../dist/app/run-inspect.js';
import { fileExportSource } from '../../dist/io/export-source.js';

const [mode, path] = process.argv.slice(2);
const started = performance.now();
let records = 0;
let error;
try {
  if (mode === 'reference') {
    records = JSON.parse(readFileSync(path, 'utf8')).length;
  } else {
    const { summaries, failures } = await runInspect([path], fileExportSource);
    if (failures.length > 0) throw failures[0].error;
    records = summaries[0].count;
  }
} catch (err) {
  error = err.message.split('\n')[0];
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, records, maxRssMB: process.resourceUsage().maxRSS / 1024, ...(error ? { error } : {}) }));
