import type { Forecast, SeriesPoint } from '../predict/index.js';

export interface ChartOptions {
  width?: number;
  height?: number;
  threshold?: number;
}

/**
 * A terminal chart of the recent history (•), the forecast (*) and its interval band (░), with the
 * threshold as a dashed line and `│` at the last observation. Plain Unicode, no colours, so it
 * survives pipes, logs and CI output.
 */
export function renderForecastChart(
  history: readonly SeriesPoint[],
  forecast: Forecast,
  options: ChartOptions = {},
): string {
  const width = options.width ?? 72;
  const height = options.height ?? 14;
  const horizonMs =
    (forecast.points[forecast.points.length - 1]?.timeMs ?? forecast.lastTimeMs) - forecast.lastTimeMs;
  // Twice the horizon of history gives the forecast a third of the width: context without crowding.
  const fromMs = Math.max(history[0]?.timeMs ?? forecast.lastTimeMs, forecast.lastTimeMs - 2 * horizonMs);
  const toMs = forecast.lastTimeMs + horizonMs;
  const spanMs = Math.max(1, toMs - fromMs);
  const column = (timeMs: number) =>
    Math.min(width - 1, Math.max(0, Math.floor(((timeMs - fromMs) / spanMs) * width)));
  const past = columnMeans(
    width,
    history.filter((p) => p.timeMs >= fromMs).map((p) => [column(p.timeMs), p.value]),
  );
  const ahead = forecast.points.map((p) => [column(p.timeMs), p] as const);
  const central = columnMeans(
    width,
    ahead.map(([c, p]) => [c, p.forecast]),
  );
  const lower = columnMeans(
    width,
    ahead.map(([c, p]) => [c, p.lower]),
  );
  const upper = columnMeans(
    width,
    ahead.map(([c, p]) => [c, p.upper]),
  );
  const all = [...past, ...central, ...lower, ...upper, options.threshold ?? Number.NaN].filter(
    Number.isFinite,
  );
  if (all.length === 0) return '';
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (max === min) {
    max += 1;
    min -= 1;
  }
  const row = (value: number) => Math.round(((max - value) / (max - min)) * (height - 1));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const put = (r: number, c: number, mark: string) => {
    const line = grid[r];
    if (line && c >= 0 && c < width) line[c] = mark;
  };
  if (options.threshold !== undefined) for (let c = 0; c < width; c += 2) put(row(options.threshold), c, '-');
  const now = column(forecast.lastTimeMs);
  for (let r = 0; r < height; r++) put(r, now, '│');
  for (let c = 0; c < width; c++) {
    const low = lower[c] as number;
    const high = upper[c] as number;
    if (Number.isFinite(low) && Number.isFinite(high))
      for (let r = row(high); r <= row(low); r++) put(r, c, '░');
    if (Number.isFinite(central[c] as number)) put(row(central[c] as number), c, '*');
    if (Number.isFinite(past[c] as number)) put(row(past[c] as number), c, '•');
  }
  const labels = [formatAxis(max), formatAxis((max + min) / 2), formatAxis(min)];
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const lines = grid.map((cells, r) => {
    const label =
      r === 0
        ? labels[0]
        : r === Math.floor((height - 1) / 2)
          ? labels[1]
          : r === height - 1
            ? labels[2]
            : '';
    return `${(label ?? '').padStart(labelWidth)} ┤${cells.join('')}`;
  });
  const start = shortTime(fromMs);
  const middle = `now ${shortTime(forecast.lastTimeMs)}`;
  const end = shortTime(toMs);
  const axis = new Array<string>(width).fill(' ');
  const write = (at: number, text: string) => {
    const from = Math.max(0, Math.min(width - text.length, at));
    for (let k = 0; k < text.length; k++) axis[from + k] = text[k] as string;
  };
  write(0, start);
  write(now - Math.floor(middle.length / 2), middle);
  write(width - end.length, end);
  lines.push(
    `${' '.repeat(labelWidth)} └${'─'.repeat(width)}`,
    `${' '.repeat(labelWidth + 2)}${axis.join('')}`,
  );
  lines.push(
    `${' '.repeat(labelWidth + 2)}• history   * forecast   ░ ${Math.round(forecast.level * 100)} % interval${options.threshold !== undefined ? '   - threshold' : ''}`,
  );
  return lines.join('\n');
}

function columnMeans(width: number, entries: ReadonlyArray<readonly [number, number]>): number[] {
  const sums = new Array<number>(width).fill(0);
  const counts = new Array<number>(width).fill(0);
  for (const [c, value] of entries) {
    if (!Number.isFinite(value)) continue;
    sums[c] = (sums[c] as number) + value;
    counts[c] = (counts[c] as number) + 1;
  }
  return sums.map((sum, c) => ((counts[c] as number) > 0 ? sum / (counts[c] as number) : Number.NaN));
}

function formatAxis(value: number): string {
  return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-2 && value !== 0)
    ? value.toExponential(2)
    : String(Number(value.toPrecision(4)));
}

function shortTime(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}
