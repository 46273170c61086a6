import { formatSimulateText } from '../formatters/simulate/text.js';
import { PLAIN } from '../formatters/text.js';
import type { SimulateResult } from '../model/simulation.js';
import type { Format } from './outputs.js';

/** Output formats of `simulate`, through the same writer as scan's. */
export const SIMULATE_FORMATS: Record<'json' | 'text', Format<SimulateResult>> = {
  json: { file: 'simulation.json', render: (r) => [`${JSON.stringify(r, null, 2)}\n`] },
  text: { file: 'simulation.txt', render: (r) => [formatSimulateText(r, PLAIN)], terminal: (r, style) => formatSimulateText(r, style) },
};

export type SimulateFormatName = keyof typeof SIMULATE_FORMATS;
