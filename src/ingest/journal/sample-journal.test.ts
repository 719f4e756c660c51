import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJournalFrame, encodeJournalRecord, type JournalRecord } from './journal-record.js';
import { SampleJournal } from './sample-journal.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journal-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (n: number, receivedAt = 1000 + n): JournalRecord => ({
  format: 'remote-write',
  receivedAt,
  source: 'remote_write',
  params: '',
  body: Buffer.from(`body-${n}`),
});

describe('journal records', () => {
  it('round-trip any body, source and params', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.double({ noNaN: true }),
        (body, source, params, receivedAt) => {
          const input: JournalRecord = {
            format: 'otlp-json',
            receivedAt,
            source,
            params,
            body: Buffer.from(body),
          };
          const frame = decodeJournalFrame(encodeJournalRecord(input), 0);
          expect('record' in frame && frame.record).toEqual(input);
        },
      ),
    );
  });

  it('detect every truncation and every flipped byte as torn, never as a different record', () => {
    const frame = encodeJournalRecord(record(1));
    for (let cut = 1; cut < frame.length; cut++)
      expect(decodeJournalFrame(frame.subarray(0, cut), 0)).toEqual({ torn: true });
    for (let at = 0; at < frame.length; at++) {
      const copy = Buffer.from(frame);
      copy[at] = (copy[at] as number) ^ 0x40;
      expect(decodeJournalFrame(copy, 0)).toEqual({ torn: true });
    }
  });
});

describe('SampleJournal', () => {
  it('replays what was appended, in order, after a reopen', async () => {
    const dir = freshDir();
    const journal = new SampleJournal({ dir });
    await Promise.all([1, 2, 3].map((n) => journal.append(record(n))));
    await journal.close();
    const replayed = [...new SampleJournal({ dir }).replay()].map((r) => r.body.toString());
    expect(replayed).toEqual(['body-1', 'body-2', 'body-3']);
  });

  it('stops at a torn tail (a crash mid-write) and starts a new segment after it', async () => {
    const dir = freshDir();
    const journal = new SampleJournal({ dir });
    await journal.append(record(1));
    await journal.append(record(2));
    await journal.close();
    const [segment] = readdirSync(dir);
    const path = join(dir, segment as string);
    truncateSync(path, statSync(path).size - 3);
    appendFileSync(path, Buffer.from([1, 2]));
    const reopened = new SampleJournal({ dir });
    await reopened.append(record(3));
    await reopened.close();
    expect([...new SampleJournal({ dir }).replay()].map((r) => r.body.toString())).toEqual([
      'body-1',
      'body-3',
    ]);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('keeps the order of concurrent appends across many segments, each retired segment whole', async () => {
    for (const durability of ['process', 'machine'] as const) {
      const dir = freshDir();
      // Segments of about three records: appends in flight while segments fill and are retired.
      const journal = new SampleJournal({ dir, segmentBytes: 120, durability });
      await Promise.all(Array.from({ length: 60 }, (_, n) => journal.append(record(n))));
      await journal.close();
      expect(readdirSync(dir).length).toBeGreaterThan(10);
      const replayed = [...new SampleJournal({ dir }).replay()].map((r) => r.body.toString());
      expect(replayed).toEqual(Array.from({ length: 60 }, (_, n) => `body-${n}`));
    }
  });

  it('with machine durability, group-commits: many concurrent appends share few syncs', async () => {
    const journal = new SampleJournal({ dir: freshDir(), durability: 'machine' });
    await Promise.all(Array.from({ length: 200 }, (_, n) => journal.append(record(n))));
    expect(journal.stats().syncs).toBeLessThan(200);
    await journal.close();
  });

  it('with process durability, resolves once written and syncs in the background within a second or so', async () => {
    const dir = freshDir();
    const journal = new SampleJournal({ dir });
    await journal.append(record(1));
    expect(journal.stats().syncs).toBe(0);
    // Written, not yet synced: another reader (a restarted process) already sees it.
    expect([...new SampleJournal({ dir }).replay()].map((r) => r.body.toString())).toEqual(['body-1']);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(journal.stats().syncs).toBe(1);
    await journal.close();
  });

  it('trims whole segments past retention, never the one being written', async () => {
    let now = 0;
    const dir = freshDir();
    const journal = new SampleJournal({ dir, segmentBytes: 100, retentionMs: 1000, clock: () => now });
    for (let n = 0; n < 10; n++) {
      now = n * 500;
      await journal.append(record(n, now));
    }
    const before = journal.stats().segments;
    now = 10_000;
    expect(journal.trim()).toBe(before - 1);
    expect(journal.stats().segments).toBe(1);
    await journal.close();
  });
});
