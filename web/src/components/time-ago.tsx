import { formatAge, formatDateTime } from '../format/format-time';
import { useNow } from '../hooks/use-now';

/** "12 s ago", kept current, with the exact time on hover and for assistive technology. */
export function TimeAgo({ ms }: { ms: number }) {
  return <TimeAgoAt ms={ms} now={useNow(5_000)} />;
}

/** TimeAgo against a given `now`: a long list passes its own, so it runs one timer for all its rows. */
export function TimeAgoAt({ ms, now }: { ms: number; now: number }) {
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatDateTime(ms)}>
      {formatAge(now - ms)}
    </time>
  );
}
