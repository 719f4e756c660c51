import type { LiveStatus } from '../api/live-connection';

const labels: Readonly<Record<LiveStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Not live',
};

/** Whether what the view shows follows the twin: the state of its live stream. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <span
      className={`live-badge live-${status}`}
      role="status"
      aria-label={`Live updates: ${labels[status]}`}
    >
      {labels[status]}
    </span>
  );
}
