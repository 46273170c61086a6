// `npm run build` writes oclif.manifest.json (what `oclif manifest` writes): with it, oclif lists the
// commands without importing each one, so `casguard --version` and `casguard help` do not load ajv,
// handlebars and the engine. Generated, never committed: a stale one would hide a changed flag.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plugin } from '@oclif/core';
import { PACKAGE_ROOT } from '../io/package-root.js';

const root = PACKAGE_ROOT;
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
process.stdout.write(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands\n`);
