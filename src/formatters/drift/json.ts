import type { DriftResult } from '../../model/drift.js';
import { jsonWithLongList } from '../json.js';

/** The drift result as JSON in pieces (a large change list is never one string); byte-identical for the same input. */
export function driftJsonChunks(result: DriftResult): Generator<string> {
  return jsonWithLongList(result, 'changes');
}

export function formatDriftJson(result: DriftResult): string {
  return [...driftJsonChunks(result)].join('');
}
