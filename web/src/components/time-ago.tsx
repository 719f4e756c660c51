import { formatAge, formatDateTime } from '../format/format-time';
import { useNow } from '../hooks/use-now';

/** "12 s ago", kept current, with the exact time on hover and for assistive technology. */
export function TimeAgo({ ms }: { ms: number }) {
  const now = useNow(5_000);
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatDateTime(ms)}>
      {formatAge(now - ms)}
    </time>
  );
}
