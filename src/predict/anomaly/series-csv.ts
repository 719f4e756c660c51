import { InputError } from '../../model/index.js';
import { parseTimestamp } from './parse-timestamp.js';

/** A `timestamp,value` series as read from a CSV file; the texts are kept to write them back unchanged. */
export interface SeriesCsv {
  readonly timestampsMs: Float64Array;
  readonly values: Float64Array;
  readonly timestampTexts: readonly string[];
  readonly valueTexts: readonly string[];
}

/** Value cells that mean "no observation": the detector skips them instead of rejecting the file. */
const MISSING = new Set(['', 'nan', 'null', 'na', 'none']);

/**
 * Reads NAB's CSV format: an optional header line, then `timestamp,value` rows, oldest first.
 * Timestamps may be NAB's `YYYY-MM-DD HH:MM:SS`, ISO 8601 or epoch seconds/milliseconds; empty or
 * `NaN` values are kept as NaN (missing). Anything else is an `InputError` naming file and line.
 */
export function parseSeriesCsv(text: string, fileName = '<input>'): SeriesCsv {
  const timestampsMs: number[] = [];
  const values: number[] = [];
  const timestampTexts: string[] = [];
  const valueTexts: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const fail = (message: string): never => {
      throw new InputError(`${fileName}:${index + 1}: ${message}`, [
        { message, file: fileName, line: index + 1 },
      ]);
    };
    const cells = line.split(',').map(unquote);
    if (cells.length !== 2) fail(`expected 2 columns (timestamp,value), found ${cells.length}`);
    const [timestampText, valueText] = cells as [string, string];
    const timestampMs = parseTimestamp(timestampText);
    if (timestampMs === undefined) {
      if (timestampsMs.length === 0 && isHeader(valueText)) continue;
      fail(`'${timestampText}' is not a timestamp (use YYYY-MM-DD HH:MM:SS, ISO 8601 or epoch seconds)`);
    }
    const value = parseValue(valueText);
    if (value === undefined) fail(`'${valueText}' is not a number`);
    const previous = timestampsMs[timestampsMs.length - 1];
    if (previous !== undefined && (timestampMs as number) < previous)
      fail(`timestamp '${timestampText}' is earlier than the row before it (rows must be oldest first)`);
    timestampsMs.push(timestampMs as number);
    values.push(value as number);
    timestampTexts.push(timestampText);
    valueTexts.push(valueText);
  }
  return {
    timestampsMs: Float64Array.from(timestampsMs),
    values: Float64Array.from(values),
    timestampTexts,
    valueTexts,
  };
}

/** `timestamp,value,anomaly_score` rows for a parsed series and one score per row. */
export function formatScoredCsv(series: SeriesCsv, scores: ArrayLike<number>): string {
  const lines = ['timestamp,value,anomaly_score'];
  for (let row = 0; row < series.timestampTexts.length; row++) {
    const score = scores[row] as number;
    lines.push(`${series.timestampTexts[row]},${series.valueTexts[row]},${formatScore(score)}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? String(Math.round(score * 1e6) / 1e6) : '0';
}

function parseValue(text: string): number | undefined {
  if (MISSING.has(text.trim().toLowerCase())) return Number.NaN;
  const value = Number(text);
  return text.trim() !== '' && !Number.isNaN(value) ? value : undefined;
}

/** A header names its columns: neither cell reads as data. */
function isHeader(second: string): boolean {
  return parseValue(second) === undefined || /^[a-z_ ]+$/i.test(second.trim());
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}
