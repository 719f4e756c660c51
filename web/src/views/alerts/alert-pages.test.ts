import { describe, expect, it } from 'vitest';
import { testAlert as alert } from '../../alerts/test-alert';
import type { Alert, Page } from '../../contract';
import type { AlertFilter } from './alert-filter';
import { firstPage, hasMore, type LoadedAlerts, matchingCount, withNews, withPage } from './alert-pages';

function page(items: Alert[], total: number, offset = 0, limit = 3): Page<Alert> {
  return { items, total, offset, limit };
}

const active: AlertFilter = { status: ['open', 'acknowledged'] };
const openOnly: AlertFilter = { status: ['open'] };
const ids = (loaded: LoadedAlerts) => loaded.items.map((item) => item.id);

describe('firstPage and withPage', () => {
  it('holds the first page sorted, its total, and where the next page starts', () => {
    const loaded = firstPage(page([alert('a'), alert('b', { severity: 'critical' }), alert('c')], 7));
    expect(ids(loaded)).toEqual(['b', 'a', 'c']);
    expect(loaded).toMatchObject({ total: 7, nextOffset: 3 });
    expect(hasMore(loaded)).toBe(true);
    expect(matchingCount(loaded)).toBe(7);
  });

  it('joins the next page in sort order and stops offering more at the end', () => {
    const first = firstPage(page([alert('a', { lastSeenMs: 5 }), alert('b'), alert('c')], 5));
    const second = withPage(
      first,
      page([alert('d', { severity: 'critical' }), alert('e', { lastSeenMs: 9 })], 5, 3),
    );
    expect(ids(second)).toEqual(['d', 'e', 'a', 'b', 'c']);
    expect(second).toMatchObject({ total: 5, nextOffset: 5 });
    expect(hasMore(second)).toBe(false);
    expect(ids(first)).toEqual(['a', 'b', 'c']);
  });

  it('holds an alert two pages bring once, in its newer state', () => {
    const first = firstPage(page([alert('a'), alert('b'), alert('c', { lastSeenMs: 1 })], 6));
    // Alerts opened in between pushed `c` onto the next page as well.
    const second = withPage(
      first,
      page([alert('c', { lastSeenMs: 2, occurrences: 2 }), alert('d'), alert('e')], 8, 3),
    );
    expect(ids(second).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second.items.find((item) => item.id === 'c')?.occurrences).toBe(2);
    expect(second).toMatchObject({ total: 8, nextOffset: 6 });
  });

  it('keeps the held state when a page brings an older one', () => {
    const first = firstPage(page([alert('a', { status: 'acknowledged', acknowledgedAtMs: 5 })], 2, 0, 1));
    const second = withPage(first, page([alert('a'), alert('b')], 2, 1, 2));
    expect(second.items.find((item) => item.id === 'a')?.status).toBe('acknowledged');
  });

  it('does not bring back an alert that news removed while the page was on its way', () => {
    const first = firstPage(page([alert('a'), alert('b')], 4, 0, 2));
    const resolved = alert('c', { status: 'resolved', resolvedAtMs: 9 });
    const afterNews = withNews(first, resolved, active, 'resolved');
    const second = withPage(afterNews, page([alert('c'), alert('d')], 4, 2, 2));
    expect(ids(second)).toEqual(['a', 'b', 'd']);
  });

  it('never claims fewer matches than are loaded', () => {
    const loaded: LoadedAlerts = { ...firstPage(page([alert('a'), alert('b')], 1)), total: 1 };
    expect(matchingCount(loaded)).toBe(2);
  });
});

describe('withNews', () => {
  const loaded = firstPage(page([alert('a', { lastSeenMs: 2 }), alert('b', { lastSeenMs: 1 })], 10, 0, 2));

  it('counts a new alert once, at the front, however often the news comes', () => {
    const opened = alert('n', { severity: 'critical', lastSeenMs: 3 });
    const once = withNews(loaded, opened, active, 'opened');
    expect(ids(once)).toEqual(['n', 'a', 'b']);
    expect(once).toMatchObject({ total: 11, nextOffset: 3 });
    const twice = withNews(once, opened, active, 'opened');
    expect(twice).toMatchObject({ total: 11, nextOffset: 3 });
    expect(ids(twice)).toEqual(['n', 'a', 'b']);
  });

  it('ignores a new alert the filter does not match', () => {
    const after = withNews(
      loaded,
      alert('n', { kind: 'disk-full' }),
      { ...active, kind: 'overheating' },
      'opened',
    );
    expect(after).toMatchObject({ total: 10, nextOffset: 2 });
    expect(ids(after)).toEqual(['a', 'b']);
  });

  it('takes a loaded alert that stops matching out of the list, the total and the offset, once', () => {
    const acknowledged = alert('a', { lastSeenMs: 2, status: 'acknowledged', acknowledgedAtMs: 5 });
    // The action's answer first, then the live message of the same change.
    const answered = withNews(loaded, acknowledged, openOnly);
    expect(ids(answered)).toEqual(['b']);
    expect(answered).toMatchObject({ total: 9, nextOffset: 1 });
    const live = withNews(answered, acknowledged, openOnly, 'acknowledged');
    expect(live).toMatchObject({ total: 9, nextOffset: 1 });
  });

  it('counts an alert no page brought yet that stops matching (resolved further down the list)', () => {
    const resolved = alert('far', { status: 'resolved', resolvedAtMs: 9 });
    const after = withNews(loaded, resolved, active, 'resolved');
    expect(ids(after)).toEqual(['a', 'b']);
    expect(after).toMatchObject({ total: 9, nextOffset: 2 });
    // Resolved after it was acknowledged, while only open ones are shown: it did not match before.
    const wasAcknowledged = alert('far2', { status: 'resolved', acknowledgedAtMs: 4, resolvedAtMs: 9 });
    expect(withNews(loaded, wasAcknowledged, openOnly, 'resolved').total).toBe(10);
  });

  it('counts an alert that starts matching (resolved while resolved ones are shown), without moving the offset', () => {
    const resolvedOnly: AlertFilter = { status: ['resolved'] };
    const after = withNews(
      loaded,
      alert('r', { status: 'resolved', resolvedAtMs: 9 }),
      resolvedOnly,
      'resolved',
    );
    expect(ids(after)).toContain('r');
    expect(after).toMatchObject({ total: 11, nextOffset: 2 });
  });

  it('merges news of an alert that is not loaded yet, and holds it once when its page comes', () => {
    const updated = alert('c', { lastSeenMs: 7, occurrences: 4 });
    const after = withNews(loaded, updated, active, 'updated');
    expect(ids(after)).toEqual(['c', 'a', 'b']);
    expect(after).toMatchObject({ total: 10, nextOffset: 2 });
    const paged = withPage(after, page([alert('c', { lastSeenMs: 6 }), alert('d')], 10, 2, 2));
    expect(ids(paged)).toEqual(['c', 'a', 'b', 'd']);
    expect(paged.items.find((item) => item.id === 'c')?.occurrences).toBe(4);
  });

  it('drops news older than what is held', () => {
    const acknowledged = alert('a', { lastSeenMs: 2, status: 'acknowledged', acknowledgedAtMs: 5 });
    const after = withNews(loaded, acknowledged, active, 'acknowledged');
    expect(withNews(after, alert('a', { lastSeenMs: 2 }), active, 'updated')).toBe(after);
  });

  it('does not change its input', () => {
    withNews(loaded, alert('n'), active, 'opened');
    expect(ids(loaded)).toEqual(['a', 'b']);
    expect(loaded).toMatchObject({ total: 10, nextOffset: 2 });
    expect(loaded.others.size).toBe(0);
  });
});
