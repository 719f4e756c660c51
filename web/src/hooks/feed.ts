import { useEffect, useRef, useState } from 'react';

/**
 * Hands each live message to the parts of a view that want it, one call per message: a prop
 * holding "the latest message" would lose those that arrive between two renders.
 */
export interface Feed<T> {
  emit(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createFeed<T>(): Feed<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    emit(value) {
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A feed that lives as long as the component. */
export function useFeed<T>(): Feed<T> {
  const [feed] = useState(createFeed<T>);
  return feed;
}

/** Calls the latest `listener` for every value the feed emits while mounted. */
export function useFeedListener<T>(feed: Feed<T> | undefined, listener: (value: T) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => feed?.subscribe((value) => latest.current(value)), [feed]);
}
