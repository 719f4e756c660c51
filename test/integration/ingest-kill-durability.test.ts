import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compressedWriteRequest } from '../../src/ingest/remote-write/write-request.fixture.js';
import { startServerProcess, stopProcess } from './cli-process.js';

// Issue 3: "never acknowledge a sample before it would survive a crash of the process". A server
// takes remote_write from several writers and is killed with SIGKILL mid-stream; after a restart
// (which replays the ingest journal) every acknowledged sample must be in its series.

const adminToken = 'itw_ingest-durability-test-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'infratwin-ingest-kill-'));
const db = join(dir, 'twin.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Recent enough to be inside the hot window, where range queries read raw samples.
const start = Date.now() - 120_000;

function body(writer: number, index: number): Buffer {
  return compressedWriteRequest([
    {
      labels: [
        ['__name__', 'durability_probe'],
        ['infratwin_entity', `sensor:kill-${writer}`],
        ['job', 'test'],
      ],
      samples: [[start + index * 1000, index]],
    },
  ]);
}

async function post(url: string, payload: Buffer): Promise<number> {
  const response = await fetch(`${url}/api/v1/write`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${adminToken}`,
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
    },
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('ingest durability under kill -9', () => {
  it('keeps every acknowledged sample across a kill and a journal replay', async () => {
    const server = await startServerProcess(['serve', '--db', db], { INFRATWIN_ADMIN_TOKEN: adminToken });
    const acknowledged = new Map<number, number>();
    let stop = false;
    const writers = [0, 1, 2].map(async (writer) => {
      for (let index = 0; !stop; index++) {
        try {
          if ((await post(server.url, body(writer, index))) === 204) acknowledged.set(writer, index);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await stopProcess(server.child, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBe(3);

    const restarted = await startServerProcess(['serve', '--db', db], { INFRATWIN_ADMIN_TOKEN: adminToken });
    try {
      for (const [writer, lastIndex] of acknowledged) {
        const response = await fetch(
          `${restarted.url}/api/series?entity=${encodeURIComponent(`sensor:kill-${writer}`)}`,
          { headers: { authorization: `Bearer ${adminToken}` } },
        );
        const { items } = (await response.json()) as {
          items: Array<{ name: string; latest?: { ts: number; value: number } }>;
        };
        const probe = items.find((item) => item.name === 'durability_probe');
        // The latest sample is at least the last one acknowledged (a later unacknowledged one may
        // have made it too: it was written before the kill, just not answered).
        expect(probe?.latest?.value, `writer ${writer}`).toBeGreaterThanOrEqual(lastIndex);
        const range = await fetch(
          `${restarted.url}/api/series/query?entity=${encodeURIComponent(`sensor:kill-${writer}`)}&series=durability_probe&start=${start}&end=${start + (lastIndex + 10) * 1000}`,
          { headers: { authorization: `Bearer ${adminToken}` } },
        );
        const points = ((await range.json()) as { points: Array<[number, number]> }).points;
        const values = new Set(points.map(([, value]) => value));
        for (let index = 0; index <= lastIndex; index++)
          expect(values.has(index), `writer ${writer} sample ${index}`).toBe(true);
      }
    } finally {
      await stopProcess(restarted.child);
    }
  }, 60_000);
});
