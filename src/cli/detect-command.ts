import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../model/index.js';
import {
  type AnomalyEvent,
  AnomalyEventTracker,
  createAnomalyDetector,
  DEFAULT_ANOMALY_EVENT_OPTIONS,
  formatScoredCsv,
  parseSeriesCsv,
} from '../predict/index.js';
import { globalOptions } from './client-options.js';
import { formatTime, printJson, printLine } from './output.js';
import { createProgress } from './progress.js';

interface FileResult {
  input: string;
  output: string;
  points: number;
  events: AnomalyEvent[];
}

interface FileFailure {
  input: string;
  error: string;
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect <input>')
    .description('score every point of timestamp,value CSV files for anomalies (streaming, one pass)')
    .requiredOption('--out <path>', 'output file, or directory mirroring an input directory')
    .option('--threshold <score>', 'score at or above which a point opens an anomaly event', '0.5')
    .addHelpText(
      'after',
      '\nInput: CSV `timestamp,value` (NAB format; ISO 8601 or epoch timestamps too).' +
        '\nOutput: CSV `timestamp,value,anomaly_score`. The algorithm: docs/anomaly-detection.md.' +
        '\nExample: infratwin detect data/nab --out scored/',
    )
    .action((input: string, options: { out: string; threshold: string }, command: Command) => {
      const global = globalOptions(command);
      const threshold = Number(options.threshold);
      if (!(threshold >= 0 && threshold <= 1))
        throw new InputError(`--threshold: '${options.threshold}' is not in [0, 1]`);
      const jobs = planJobs(input, options.out);
      const progress = createProgress('detecting anomalies', jobs.length, {
        enabled: global.json || jobs.length < 2 ? false : undefined,
      });
      const results: FileResult[] = [];
      const failures: FileFailure[] = [];
      if (jobs.length === 1 && jobs[0]) results.push(detectFile(jobs[0].input, jobs[0].output, threshold));
      else
        jobs.forEach((job, index) => {
          try {
            results.push(detectFile(job.input, job.output, threshold));
          } catch (error) {
            // One bad file in a directory is reported and skipped; the others are still scored.
            failures.push({
              input: job.input,
              error: error instanceof Error ? error.message : String(error),
            });
          }
          progress.update(index + 1);
        });
      progress.stop();
      report(results, failures, global.json === true);
      if (failures.length > 0) process.exitCode = 1;
    });
}

/** One job per CSV file: a single file, or every CSV under a directory with the layout mirrored. */
function planJobs(input: string, out: string): Array<{ input: string; output: string }> {
  const stats = statOf(input);
  if (!stats) throw new InputError(`${input}: no such file or directory`);
  if (!stats.isDirectory()) {
    const outStats = statOf(out);
    return [{ input, output: outStats?.isDirectory() ? join(out, basename(input)) : out }];
  }
  const files = listCsvFiles(input);
  if (files.length === 0) throw new InputError(`${input}: no .csv files in this directory`);
  return files.map((file) => ({ input: file, output: join(out, relative(input, file)) }));
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function listCsvFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listCsvFiles(path));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.csv')) files.push(path);
  }
  return files;
}

function detectFile(input: string, output: string, threshold: number): FileResult {
  const series = parseSeriesCsv(readFileSync(input, 'utf8'), input);
  const detector = createAnomalyDetector();
  const tracker = new AnomalyEventTracker({ ...DEFAULT_ANOMALY_EVENT_OPTIONS, threshold });
  const evidence = () => detector.evidence();
  const scores = new Float64Array(series.values.length);
  const events: AnomalyEvent[] = [];
  for (let row = 0; row < scores.length; row++) {
    const timestampMs = series.timestampsMs[row] as number;
    const score = detector.update(timestampMs, series.values[row] as number);
    scores[row] = score;
    const closed = tracker.update(timestampMs, score, evidence);
    if (closed) events.push(closed);
  }
  const last = tracker.flush();
  if (last) events.push(last);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, formatScoredCsv(series, scores));
  return { input, output, points: scores.length, events };
}

function report(results: FileResult[], failures: FileFailure[], json: boolean): void {
  if (json) {
    printJson({
      files: results.map((result) => ({ ...result, events: result.events.map(describeEvent) })),
      failures,
      points: results.reduce((sum, result) => sum + result.points, 0),
      events: results.reduce((sum, result) => sum + result.events.length, 0),
    });
    return;
  }
  for (const result of results) {
    printLine(
      `${result.input} → ${result.output}: ${result.points} points, ${result.events.length} anomaly events`,
    );
    for (const event of result.events) {
      const { evidence } = event;
      printLine(
        `  ${formatTime(event.startMs)} – ${formatTime(event.endMs)}  score ${event.peakScore.toFixed(2)}  ${evidence.reason}: ${round(evidence.value)} (expected ${round(evidence.expected)} ± ${round(3 * evidence.typicalError)})`,
      );
    }
  }
  for (const failure of failures) process.stderr.write(`infratwin: ${failure.input}: ${failure.error}\n`);
}

function describeEvent(event: AnomalyEvent) {
  return {
    start: new Date(event.startMs).toISOString(),
    end: new Date(event.endMs).toISOString(),
    peakScore: event.peakScore,
    peakAt: new Date(event.peakAtMs).toISOString(),
    evidence: event.evidence,
  };
}

function round(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '?';
}
