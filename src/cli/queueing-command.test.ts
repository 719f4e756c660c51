import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from './run-main.fixture.js';

let directory: string;

/** Through the CLI's entry, which turns a bad file into a message and an exit code. */
const run = (file: string) => runMain('queueing', file);

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'infratwin-queueing-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('infratwin queueing', () => {
  it('solves one M/M/c case (ETH ASL "M/M/x queues": λ=9, μ=5, c=2 → R = 1.053 s)', async () => {
    const file = join(directory, 'station.json');
    writeFileSync(
      file,
      JSON.stringify({ kind: 'mmc', input: { arrival_rate: 9, service_rate: 5, servers: 2 } }),
    );
    const { status, stdout } = await run(file);
    const result = JSON.parse(stdout);
    expect(result.mean_response).toBeCloseTo(1.0526, 4);
    expect(Object.keys(result)).toEqual([
      'utilization',
      'p_wait',
      'mean_wait',
      'mean_response',
      'p99_response',
    ]);
    expect(status).toBe(0);
  });

  it('solves the shared fixture file of 9 cases into an array', async () => {
    const file = join(directory, 'cases.json');
    copyFileSync(new URL('../simulate/queueing/queueing-cases.fixture.json', import.meta.url), file);
    const results = JSON.parse((await run(file)).stdout);
    expect(results).toHaveLength(9);
    expect(results[2].throughput).toBeCloseTo(0.559157874589586, 9);
  });

  it('prints an overloaded station as "Infinity", not null', async () => {
    const file = join(directory, 'overload.json');
    writeFileSync(
      file,
      JSON.stringify({ kind: 'mmc', input: { arrival_rate: 20, service_rate: 5, servers: 2 } }),
    );
    const result = JSON.parse((await run(file)).stdout);
    expect(result.mean_response).toBe('Infinity');
    expect(result.utilization).toBe(2);
  });

  it('prints the field path of a bad case and sets a non-zero exit code', async () => {
    const file = join(directory, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ cases: [{ kind: 'mmc', input: { arrival_rate: 1, service_rate: 2, servers: 0 } }] }),
    );
    const { status, stdout, stderr } = await run(file);
    expect(status).toBe(1);
    expect(stderr).toContain('cases[0].input.servers: must be a positive integer');
    expect(stdout).toBe('');
  });

  it('reports a file that is not JSON or does not exist', async () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{ "kind": ');
    const broken = await run(file);
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
    expect(broken.status).toBe(1);
    const missing = await run(join(directory, 'missing.json'));
    expect(missing.stderr).toMatch(/missing\.json: cannot read the file \(ENOENT\)/);
    expect(missing.status).toBe(1);
  });
});
