import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDetectCommand } from './detect-command.js';

let directory: string;

function program(): Command {
  const root = new Command('infratwin').option('--json').exitOverride();
  registerDetectCommand(root);
  return root;
}

function series(points: number, spikeAt: number): string {
  const lines = ['timestamp,value'];
  for (let index = 0; index < points; index++) {
    const at = new Date(Date.UTC(2014, 1, 14) + index * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${at},${index === spikeAt ? 500 : 10 + (index % 7)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'infratwin-detect-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('infratwin detect', () => {
  it('mirrors a directory of CSV files and scores the spike', async () => {
    mkdirSync(join(directory, 'in', 'web'), { recursive: true });
    writeFileSync(join(directory, 'in', 'web', 'cpu.csv'), series(600, 400));
    writeFileSync(join(directory, 'in', 'disk.csv'), series(300, -1));
    await program().parseAsync([
      'node',
      'infratwin',
      '--json',
      'detect',
      join(directory, 'in'),
      '--out',
      join(directory, 'out'),
    ]);
    const rows = readFileSync(join(directory, 'out', 'web', 'cpu.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('timestamp,value,anomaly_score');
    expect(rows).toHaveLength(601);
    expect(Number(rows[401]?.split(',')[2])).toBeGreaterThan(0.5);
    expect(readFileSync(join(directory, 'out', 'disk.csv'), 'utf8').split('\n')[1]).toBe(
      '2014-02-14 00:00:00,10,0',
    );
    const printed = JSON.parse(String(vi.mocked(process.stdout.write).mock.calls[0]?.[0]));
    expect(printed.files).toHaveLength(2);
    expect(printed.events).toBeGreaterThanOrEqual(1);
  });

  it('names the file and line of bad input', async () => {
    const file = join(directory, 'bad.csv');
    writeFileSync(file, 'timestamp,value\n2014-02-14 00:00:00,1\n2014-02-14 00:05:00,lots\n');
    await expect(
      program().parseAsync(['node', 'infratwin', 'detect', file, '--out', join(directory, 'out.csv')]),
    ).rejects.toThrow(`${file}:3: 'lots' is not a number`);
  });

  it('scores the good files of a directory and reports the bad one', async () => {
    mkdirSync(join(directory, 'in'));
    writeFileSync(join(directory, 'in', 'a.csv'), series(200, -1));
    writeFileSync(join(directory, 'in', 'b.csv'), '2014-02-14 00:00:00,1,2\n');
    await program().parseAsync([
      'node',
      'infratwin',
      'detect',
      join(directory, 'in'),
      '--out',
      join(directory, 'out'),
    ]);
    expect(readFileSync(join(directory, 'out', 'a.csv'), 'utf8')).toContain('anomaly_score');
    expect(process.exitCode).toBe(1);
    expect(String(vi.mocked(process.stderr.write).mock.calls.at(-1)?.[0])).toMatch(
      /b\.csv:1: expected 2 columns/,
    );
  });
});
