import { useCallback, useEffect, useRef } from 'react';

/**
 * `action`, run at most once per `intervalMs`: the first call runs at once, calls within the
 * interval fold into one run at its end. For refetches that a burst of live messages asks for.
 */
export function useThrottled(action: () => void, intervalMs: number): () => void {
  const latest = useRef(action);
  latest.current = action;
  const schedule = useRef<{ lastRunMs: number; timer: ReturnType<typeof setTimeout> | undefined }>({
    lastRunMs: 0,
    timer: undefined,
  });
  useEffect(() => () => clearTimeout(schedule.current.timer), []);
  return useCallback(() => {
    const state = schedule.current;
    if (state.timer !== undefined) return;
    const run = () => {
      state.timer = undefined;
      state.lastRunMs = Date.now();
      latest.current();
    };
    const waitMs = state.lastRunMs + intervalMs - Date.now();
    if (waitMs <= 0) run();
    else state.timer = setTimeout(run, waitMs);
  }, [intervalMs]);
}
