import type { Health } from '../contract';

/** Health in words and colour: never colour alone. */
export function HealthBadge({ health }: { health: Health }) {
  return <span className={`health-badge health-${health}`}>{health}</span>;
}
