import { describe, expect, it } from 'vitest';
import { LoadShedder } from './load-shedder.js';
import { OverloadedError } from './overloaded-error.js';

describe('LoadShedder', () => {
  it('refuses requests beyond the open limit with a Retry-After, and admits again once one leaves', () => {
    const shedder = new LoadShedder({ maxConcurrentRequests: 2 });
    shedder.enter();
    shedder.enter();
    let refused: unknown;
    try {
      shedder.enter();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).retryAfterSeconds).toBe(1);
    shedder.leave();
    expect(() => shedder.enter()).not.toThrow();
    expect(shedder.stats()).toMatchObject({ open: 2, shed: 1 });
    shedder.close();
  });

  it('refuses work beyond the bytes in flight, counting only what was admitted', () => {
    const shedder = new LoadShedder({ maxInFlightBytes: 1000 });
    shedder.admit(600);
    expect(() => shedder.admit(500)).toThrow(/bytes in flight/);
    shedder.admit(400);
    shedder.release(600);
    expect(shedder.stats().inFlightBytes).toBe(400);
    expect(() => shedder.admit(600)).not.toThrow();
    shedder.close();
  });

  it('refuses nothing for a short burst of lag in an otherwise idle loop', async () => {
    const shedder = new LoadShedder({ maxLoopDelayMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    // 150 ms of 40 ms tasks back to back (a burst of requests with new series), then idle.
    const end = Date.now() + 150;
    while (Date.now() < end) {
      const until = Date.now() + 40;
      while (Date.now() < until) {
        // busy
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Through the next few sample periods, the one that saw the burst among them.
    for (let check = 0; check < 20; check++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(() => shedder.admit(1)).not.toThrow();
      shedder.release(1);
    }
    shedder.close();
  });

  it('refuses new work while the event loop has been lagging, and admits again when it no longer does', async () => {
    const shedder = new LoadShedder({ maxLoopDelayMs: 50 });
    // A second of a busy loop: 80 ms of work between brief yields, as under a flood of requests.
    const end = Date.now() + 1_100;
    while (Date.now() < end) {
      const until = Date.now() + 80;
      while (Date.now() < until) {
        // busy
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(() => shedder.admit(1)).toThrow(/event loop \d+ ms behind/);
    // Idle now: within a few seconds (a loaded CI machine lags a little too) it admits again.
    let admitted = false;
    for (let attempt = 0; attempt < 5 && !admitted; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      try {
        shedder.admit(1);
        admitted = true;
      } catch {
        // still lagging
      }
    }
    expect(admitted).toBe(true);
    shedder.close();
  });
});
