import type { Alert, LiveAlertMessage, Page } from '../../contract';
import { type AlertFilter, matchesFilter } from './alert-filter';
import { isOlder, mergeAlert, sortAlerts } from './alert-list';

/** What a piece of news did to an alert: a live message's action; absent for an action's answer. */
export type AlertNews = LiveAlertMessage['action'];

/**
 * The alerts loaded so far, page by page (`GET /api/alerts` pages newest first), kept current by
 * news between pages. Pages overlap when alerts open between them, and news brings alerts no page
 * did yet: each alert is held once, in its newest state.
 */
export interface LoadedAlerts {
  /** Sorted (most severe first, `compareAlerts`), each id once, all matching the server's filter. */
  items: Alert[];
  /** How many alerts the server's filter matches: the last page's `total`, moved by news since. */
  total: number;
  /**
   * Where the next page starts in the server's order. Moved by news: a new alert joins at the
   * front (+1), a loaded one that stops matching leaves (−1). When unsure it errs low, so that a
   * page repeats alerts (dropped as known) rather than skips them.
   */
  nextOffset: number;
  /** The latest state news gave of alerts not in `items`, so that repeated news is counted once. */
  others: ReadonlyMap<string, Alert>;
}

/** The alerts of a first page. */
export function firstPage(page: Page<Alert>): LoadedAlerts {
  return withPage({ items: [], total: 0, nextOffset: 0, others: new Map() }, page);
}

/**
 * The alerts with a further page joined: alerts already held keep whichever state is newer, the
 * total is the page's, and the next page starts after it. The input is not changed.
 */
export function withPage(loaded: LoadedAlerts, page: Page<Alert>): LoadedAlerts {
  const byId = new Map(loaded.items.map((alert) => [alert.id, alert]));
  const others = new Map(loaded.others);
  for (const alert of page.items) {
    const held = byId.get(alert.id);
    if (held !== undefined) {
      if (isOlder(held, alert)) byId.set(alert.id, alert);
      continue;
    }
    // News that arrived while the page was on its way (resolved since) wins over the page.
    const known = others.get(alert.id);
    if (known !== undefined && isOlder(alert, known)) continue;
    others.delete(alert.id);
    byId.set(alert.id, alert);
  }
  return {
    items: sortAlerts([...byId.values()]),
    total: page.total,
    nextOffset: page.offset + page.items.length,
    others,
  };
}

/**
 * The alerts after news of one alert (a live message, or the server's answer to an action): it
 * is merged as `mergeAlert` does, and the total and the next page's offset move with it. Whether
 * an alert no page brought matched before is read from what the news did (acknowledged: it was
 * open; resolved: it was open, or acknowledged if it has that time). The input is not changed.
 */
export function withNews(
  loaded: LoadedAlerts,
  alert: Alert,
  filter: AlertFilter,
  news?: AlertNews,
): LoadedAlerts {
  const held = loaded.items.find((candidate) => candidate.id === alert.id);
  const known = held ?? loaded.others.get(alert.id);
  if (known !== undefined && isOlder(alert, known)) return loaded;
  const matches = matchesFilter(alert, filter);
  const matched =
    held !== undefined ||
    (known !== undefined ? matchesFilter(known, filter) : matchedBefore(alert, filter, news));
  const others = new Map(loaded.others);
  if (matches) others.delete(alert.id);
  else others.set(alert.id, alert);
  const joinsFront = known === undefined && news === 'opened' && matches;
  const leaves = held !== undefined && !matches;
  return {
    items: mergeAlert(loaded.items, alert, filter),
    total: Math.max(0, loaded.total + Number(matches) - Number(matched)),
    nextOffset: Math.max(0, loaded.nextOffset + Number(joinsFront) - Number(leaves)),
    others,
  };
}

/** Whether more alerts match than are loaded: "Show more" has something to fetch. */
export function hasMore(loaded: LoadedAlerts): boolean {
  return loaded.nextOffset < loaded.total;
}

/** How many match in all, as the page says it: never fewer than are loaded. */
export function matchingCount(loaded: LoadedAlerts): number {
  return Math.max(loaded.total, loaded.items.length);
}

/** Whether an alert not seen before matched the filter before this news of it. */
function matchedBefore(alert: Alert, filter: AlertFilter, news: AlertNews | undefined): boolean {
  switch (news) {
    case 'opened':
      return false;
    case 'acknowledged':
      return matchesFilter({ ...alert, status: 'open' }, filter);
    case 'resolved':
      return matchesFilter(
        { ...alert, status: alert.acknowledgedAtMs !== undefined ? 'acknowledged' : 'open' },
        filter,
      );
    default:
      // Updated or scored: the status is as it was (a changed severity is not told apart).
      return matchesFilter(alert, filter);
  }
}
