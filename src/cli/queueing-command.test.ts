import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

let directory: string;
let printed: string;
let errors: string;

/** Through the CLI's entry, which turns a bad file into a message and an exit code. */
async function run(file: string): Promise<void> {
  await main(['node', 'infratwin', 'queueing', file]);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'infratwin-queueing-'));
  printed = '';
  errors = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    errors += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('infratwin queueing', () => {
  it('solves one M/M/c case (ETH ASL "M/M/x queues": λ=9, μ=5, c=2 → R = 1.053 s)', async () => {
    const file = join(directory, 'station.json');
    writeFileSync(
      file,
      JSON.stringify({ kind: 'mmc', input: { arrival_rate: 9, service_rate: 5, servers: 2 } }),
    );
    await run(file);
    const result = JSON.parse(printed);
    expect(result.mean_response).toBeCloseTo(1.0526, 4);
    expect(Object.keys(result)).toEqual([
      'utilization',
      'p_wait',
      'mean_wait',
      'mean_response',
      'p99_response',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('solves the shared fixture file of 9 cases into an array', async () => {
    const file = join(directory, 'cases.json');
    copyFileSync(new URL('../simulate/queueing/queueing-cases.fixture.json', import.meta.url), file);
    await run(file);
    const results = JSON.parse(printed);
    expect(results).toHaveLength(9);
    expect(results[2].throughput).toBeCloseTo(0.559157874589586, 9);
  });

  it('prints an overloaded station as "Infinity", not null', async () => {
    const file = join(directory, 'overload.json');
    writeFileSync(
      file,
      JSON.stringify({ kind: 'mmc', input: { arrival_rate: 20, service_rate: 5, servers: 2 } }),
    );
    await run(file);
    const result = JSON.parse(printed);
    expect(result.mean_response).toBe('Infinity');
    expect(result.utilization).toBe(2);
  });

  it('prints the field path of a bad case and sets a non-zero exit code', async () => {
    const file = join(directory, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ cases: [{ kind: 'mmc', input: { arrival_rate: 1, service_rate: 2, servers: 0 } }] }),
    );
    await run(file);
    expect(process.exitCode).toBe(1);
    expect(errors).toContain('cases[0].input.servers: must be a positive integer');
    expect(printed).toBe('');
  });

  it('reports a file that is not JSON or does not exist', async () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{ "kind": ');
    await run(file);
    expect(errors).toMatch(/broken\.json: not valid JSON/);
    await run(join(directory, 'missing.json'));
    expect(errors).toMatch(/missing\.json: cannot read the file \(ENOENT\)/);
    expect(process.exitCode).toBe(1);
  });
});
