import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`: for "… ago" texts that must not go stale. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
