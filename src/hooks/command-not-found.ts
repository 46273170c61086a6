import type { Hook } from '@oclif/core';
import { closest, distance } from 'fastest-levenshtein';

/** A mistyped command: one line with the nearest command, exit 2 (never an interactive prompt in CI). */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commandIDs.map((id) => id.replace(/:/g, ' '));
  // oclif passes the command words and the arguments after them together: keep the words a command can have.
  const words = options.id.split(/[: ]/);
  const topics = new Set(ids.filter((id) => id.includes(' ')).map((id) => id.split(' ')[0]));
  const typed = words.slice(0, topics.has(words[0] ?? '') ? 2 : 1).join(' ');
  const nearest = ids.length ? closest(typed, ids) : undefined;
  const hint = nearest && distance(typed, nearest) <= Math.max(2, Math.floor(typed.length / 3)) ? `did you mean "${options.config.bin} ${nearest}"?` : `the commands are: ${ids.sort().join(', ')}`;
  process.stderr.write(`error: "${typed}" is not a casguard command [usage/invalid-arguments]\n  hint: ${hint}\n`);
  process.exit(2);
};

export default hook;
