import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../model/index.js';
import {
  describeTimeToThreshold,
  type Forecast,
  forecastSeries,
  formatDuration,
  parseDuration,
  parseSeriesCsv,
  type SeriesPoint,
  type TimeToThreshold,
  timeToThreshold,
  toSeriesPoints,
} from '../predict/index.js';
import { globalOptions } from './client-options.js';
import { renderForecastChart } from './forecast-chart.js';
import { printJson, printLine } from './output.js';

interface ForecastCommandOptions {
  horizon: string;
  threshold?: string;
  step?: string;
  level: string;
  min?: string;
  max?: string;
  out?: string;
  chart: boolean;
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description(
      'forecast a timestamp,value CSV: trend, daily and weekly pattern, prediction interval and time to a threshold',
    )
    .argument(
      '<csv>',
      'timestamp,value rows (NAB format; timestamps as 2014-02-19 10:50:00, ISO 8601 or epoch)',
    )
    .option('--horizon <duration>', 'how far ahead, e.g. 6h, 24h, 7d', '24h')
    .option('--threshold <value>', 'say when the series will reach this value (and with what uncertainty)')
    .option('--step <duration>', 'resample to this step (default: the median sampling interval)')
    .option('--level <ratio>', 'probability of the prediction interval', '0.8')
    .option('--min <value>', 'physical lower limit (e.g. 0): forecasts are clamped to it')
    .option('--max <value>', 'physical upper limit (e.g. 1 for a ratio): forecasts are clamped to it')
    .option('--out <file.csv>', 'write timestamp,forecast,lower,upper to this file')
    .option('--no-chart', 'leave out the terminal chart')
    .action((file: string, options: ForecastCommandOptions, command: Command) => {
      const json = globalOptions(command).json === true;
      const history = readSeries(file);
      const forecast = forecastSeries(history, {
        horizonMs: parseDuration(options.horizon),
        level: number(options.level, '--level'),
        ...(options.step ? { stepMs: parseDuration(options.step) } : {}),
        ...(options.min !== undefined ? { min: number(options.min, '--min') } : {}),
        ...(options.max !== undefined ? { max: number(options.max, '--max') } : {}),
      });
      const threshold =
        options.threshold === undefined ? undefined : number(options.threshold, '--threshold');
      const crossing = threshold === undefined ? undefined : timeToThreshold(forecast, { threshold });
      if (options.out) writeFileSync(options.out, forecastCsv(forecast));
      if (json) {
        printJson(forecastJson(file, forecast, crossing));
        return;
      }
      printSummary(file, history, forecast, crossing);
      if (options.chart) {
        printLine();
        printLine(renderForecastChart(history, forecast, threshold === undefined ? {} : { threshold }));
      }
      if (options.out) printLine(`\nwrote ${forecast.points.length} forecast points to ${options.out}`);
    });
}

function readSeries(file: string): SeriesPoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, [
      { file, message: 'cannot read' },
    ]);
  }
  const csv = parseSeriesCsv(text, file);
  const points = toSeriesPoints(csv.timestampsMs, csv.values).filter((point) => Number.isFinite(point.value));
  if (points.length === 0)
    throw new InputError(`${file}: no timestamp,value rows with a number to forecast from`);
  return points;
}

function number(text: string, option: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new InputError(`${option} must be a number, got '${text}'`);
  return value;
}

function printSummary(
  file: string,
  history: readonly SeriesPoint[],
  forecast: Forecast,
  crossing?: TimeToThreshold,
) {
  const percent = `${Math.round(forecast.level * 100)} %`;
  const first = history[0] as SeriesPoint;
  const last = forecast.points[forecast.points.length - 1];
  const seasonality = forecast.seasonality.length
    ? forecast.seasonality
        .map((check) => `${check.name} ${check.detected ? 'yes' : 'no'} (${check.reason})`)
        .join('; ')
    : forecast.method === 'robust-linear' || forecast.method === 'constant'
      ? 'none (too few points to test)'
      : 'not tested';
  printLine(`forecast of ${file}`);
  printLine(
    `  history      ${history.length} points, ${time(first.timeMs)} – ${time(forecast.lastTimeMs)}, step ${formatDuration(forecast.stepMs)}`,
  );
  printLine(`  model        ${forecast.model}`);
  printLine(`  seasonality  ${seasonality}`);
  if (forecast.backtest) {
    const scores = Object.entries(forecast.backtest.mae)
      .map(([name, mae]) => `${name} ${value(mae)}`)
      .join(', ');
    printLine(
      `  backtest     ${forecast.backtest.origins} origins since the change, lead-weighted MAE: ${scores}`,
    );
  }
  printLine(`  trend        ${signed(forecast.trendPerHour)} per hour`);
  printLine(`  last value   ${value(forecast.lastValue)} at ${time(forecast.lastTimeMs)}`);
  if (last) {
    printLine(
      `  in ${formatDuration(last.timeMs - forecast.lastTimeMs).padEnd(9)} ${value(last.forecast)} (${percent}: ${value(last.lower)} – ${value(last.upper)}) at ${time(last.timeMs)}`,
    );
  }
  if (crossing) printLine(`  threshold    ${describeTimeToThreshold(crossing)}`);
}

function forecastJson(file: string, forecast: Forecast, crossing?: TimeToThreshold) {
  return {
    file,
    method: forecast.method,
    model: forecast.model,
    stepMs: forecast.stepMs,
    level: forecast.level,
    lastTime: new Date(forecast.lastTimeMs).toISOString(),
    lastValue: forecast.lastValue,
    trendPerHour: forecast.trendPerHour,
    seasonality: forecast.seasonality,
    ...(forecast.regimeStartMs !== undefined
      ? { regimeStart: new Date(forecast.regimeStartMs).toISOString() }
      : {}),
    ...(forecast.backtest ? { backtest: forecast.backtest } : {}),
    ...(crossing ? { timeToThreshold: { ...crossing, description: describeTimeToThreshold(crossing) } } : {}),
    points: forecast.points.map((point) => ({ timestamp: new Date(point.timeMs).toISOString(), ...point })),
  };
}

/** `timestamp,forecast,lower,upper`, timestamps in NAB's format (UTC) so the file reads like the input. */
export function forecastCsv(forecast: Forecast): string {
  const lines = ['timestamp,forecast,lower,upper'];
  for (const point of forecast.points) {
    lines.push([time(point.timeMs), point.forecast, point.lower, point.upper].map(String).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function time(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function value(x: number): string {
  return String(Number(x.toPrecision(5)));
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${Number(x.toPrecision(3))}`;
}
