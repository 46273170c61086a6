#!/usr/bin/env node
import { execute } from '@oclif/core';

// A closed pipe (`casguard scan --json | head -c1`) ends the run quietly; any other failed write to
// stdout (a full disk, /dev/full) is one line and exit code 2, never a stack trace or a "gate failed" 1.
// oclif's own listener rethrows every error but EPIPE: replace it.
process.stdout.removeAllListeners('error');
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`error: cannot write to standard output: ${err.code === 'ENOSPC' ? 'no space left on the device' : err.message} [output/unwritable]\n`);
  process.exit(2);
});

await execute({ dir: import.meta.url });
