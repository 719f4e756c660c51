import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forecastSeries } from '../predict/index.js';
import { renderForecastChart } from './forecast-chart.js';
import { main } from './main.js';

const minute = 60_000;
const history = Array.from({ length: 300 }, (_, i) => ({
  timeMs: Date.UTC(2024, 0, 1) + i * minute,
  value: 0.2 + 0.001 * i,
}));

describe('infratwin forecast', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints the summary, time to threshold and chart, and writes the forecast CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forecast-'));
    const file = join(dir, 'disk.csv');
    const rows = history.map(
      (p) => `${new Date(p.timeMs).toISOString().slice(0, 19).replace('T', ' ')},${p.value}`,
    );
    writeFileSync(file, `timestamp,value\n${rows.join('\n')}\n`);
    const out = join(dir, 'out.csv');
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    await main([
      'node',
      'infratwin',
      'forecast',
      file,
      '--horizon',
      '12h',
      '--threshold',
      '0.9',
      '--out',
      out,
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(printed).toMatch(/model {8}ETS/);
    // 0.499 now, +0.06 per hour: 0.9 in about 6 h 41 min.
    expect(printed).toMatch(/reaches 0\.9 in 6 h [34]\d min/);
    expect(printed).toContain('• history');
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('timestamp,forecast,lower,upper');
    expect(csv).toHaveLength(1 + 12 * 60);
  });

  it('names the file and line of a bad row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forecast-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:01:00,oops\n');
    let errors = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors += String(chunk);
      return true;
    });
    await main(['node', 'infratwin', 'forecast', file]);
    expect(process.exitCode).toBe(1);
    expect(errors).toContain(`${file}:3`);
  });
});

describe('renderForecastChart', () => {
  it('draws history, forecast, band and threshold within the width', () => {
    const forecast = forecastSeries(history, { horizonMs: 60 * minute });
    const chart = renderForecastChart(history, forecast, { width: 40, height: 8, threshold: 0.6 });
    for (const mark of ['•', '*', '│', '-']) expect(chart).toContain(mark);
    const plotLines = chart.split('\n').filter((line) => line.includes('┤'));
    expect(plotLines).toHaveLength(8);
    for (const line of plotLines) expect(line.split('┤')[1]?.length).toBe(40);
  });
});
