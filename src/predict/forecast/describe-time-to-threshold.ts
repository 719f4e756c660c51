import { formatDuration } from './duration.js';
import type { TimeToThreshold } from './time-to-threshold.js';

/**
 * One line for people: `reaches 0.95 in 3 d 4 h (80 %: 2 d 20 h – 3 d 15 h)` (with `; 93 % chance
 * within 1 d` when paths were sampled), or `not within 24 h`. `verb` names the event (`full`, `above 75 °C`) when the caller knows what it means.
 */
export function describeTimeToThreshold(result: TimeToThreshold, verb?: string): string {
  const what =
    verb ?? `${result.direction === 'up' ? 'reaches' : 'falls to'} ${formatNumber(result.threshold)}`;
  const percent = `${Math.round(result.level * 100)} %`;
  if (result.alreadyCrossed) {
    return `already ${result.direction === 'up' ? 'at or above' : 'at or below'} ${formatNumber(result.threshold)}`;
  }
  const late =
    result.latestMs === undefined
      ? `beyond ${formatDuration(result.horizonMs)}`
      : formatDuration(result.latestMs);
  const chance =
    result.probability === undefined
      ? ''
      : `${Math.round(result.probability * 100)} % chance within ${formatDuration(result.horizonMs)}`;
  if (result.centralMs === undefined) {
    const early =
      result.earliestMs === undefined ? '' : `${percent}: not before ${formatDuration(result.earliestMs)}`;
    const notes = [early, chance].filter((note) => note !== '').join('; ');
    return `${what}: not within ${formatDuration(result.horizonMs)}${notes ? ` (${notes})` : ''}`;
  }
  const early = formatDuration(result.earliestMs ?? result.centralMs);
  return `${what} in ${formatDuration(result.centralMs)} (${percent}: ${early} – ${late}${chance ? `; ${chance}` : ''})`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
