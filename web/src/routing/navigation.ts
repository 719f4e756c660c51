import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './route';

const listeners = new Set<() => void>();

/** Goes to a path of the UI without reloading; the browser's back and forward work as usual. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** The route of the current URL; re-renders on every navigation. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  return useMemo(() => {
    const url = new URL(path, window.location.origin);
    return parseRoute(url.pathname, url.search);
  }, [path]);
}
