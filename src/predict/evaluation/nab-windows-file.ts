import { InputError } from '../../model/index.js';
import { parseTimestamp } from '../anomaly/parse-timestamp.js';
import type { NabWindow } from './nab-row-labels.js';

/**
 * Reads NAB's labels/combined_windows.json: for each file (`category/name.csv`) the list of
 * `[start, end]` windows, timestamps written `2014-02-19 10:50:00.000000`.
 */
export function parseNabWindows(json: string, fileName = 'combined_windows.json'): Map<string, NabWindow[]> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(`${fileName}: expected an object of file name → windows`);
  const windows = new Map<string, NabWindow[]>();
  for (const [name, list] of Object.entries(parsed)) {
    if (!Array.isArray(list)) throw new InputError(`${fileName}: ${name}: expected a list of windows`);
    windows.set(
      name,
      list.map((limits: unknown, index) => parseWindow(limits, `${fileName}: ${name}[${index}]`)),
    );
  }
  return windows;
}

function parseWindow(limits: unknown, where: string): NabWindow {
  if (!Array.isArray(limits) || limits.length !== 2) throw new InputError(`${where}: expected [start, end]`);
  const [startMs, endMs] = limits.map((limit) =>
    typeof limit === 'string' ? parseTimestamp(limit) : undefined,
  );
  if (startMs === undefined || endMs === undefined || endMs < startMs)
    throw new InputError(`${where}: expected two timestamps, start ≤ end`);
  return { startMs, endMs };
}
