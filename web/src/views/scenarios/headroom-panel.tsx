import { EntityLink } from '../../components/entity-link';
import type { Headroom, ScenarioViolation } from '../../contract';
import { formatNumber } from '../../format/format-number';
import { formatMultiplier } from './scenario-diff';

/**
 * The headroom, prominently: how much more traffic the scenario's estate takes before a limit
 * breaks, what breaks first, and the same for the live twin beside it.
 */
export function HeadroomPanel({
  base,
  scenario,
  peakMultiplier,
}: {
  base: Headroom;
  scenario: Headroom;
  /** The scenario's peak traffic against today's (×1.5 for "traffic +50 %"). */
  peakMultiplier: number;
}) {
  return (
    <section className="headroom" aria-labelledby="headroom-title">
      <h2 id="headroom-title">Headroom</h2>
      <div className="headroom-sides">
        <HeadroomSide
          which="scenario"
          title="Scenario"
          headroom={scenario}
          explanation={
            peakMultiplier === 1
              ? 'more traffic the scenario’s estate takes before a limit breaks'
              : `more traffic on top of the scenario’s peak (×${formatNumber(peakMultiplier)} today’s) — ${formatMultiplier(scenario.multiplier * peakMultiplier)} today’s traffic`
          }
        />
        <HeadroomSide
          which="base"
          title="Live twin"
          headroom={base}
          explanation="more traffic today’s estate takes before a limit breaks"
        />
      </div>
    </section>
  );
}

function HeadroomSide({
  which,
  title,
  headroom,
  explanation,
}: {
  which: 'base' | 'scenario';
  title: string;
  headroom: Headroom;
  explanation: string;
}) {
  const first = headroom.bottlenecks[0];
  return (
    <div className={`headroom-side headroom-${which}`} data-side={which}>
      <h3>{title}</h3>
      <p className="headroom-figure" data-multiplier={headroom.multiplier}>
        {headroom.bounded ? '' : '≥ '}
        {formatMultiplier(headroom.multiplier)}
      </p>
      <p className="muted headroom-explanation">
        {headroom.bounded ? explanation : `nothing broke up to the search’s maximum: ${explanation}`}
      </p>
      {first ? (
        <p className="first-bottleneck">
          First bottleneck: <EntityLink id={first.entity} /> — {first.message}
          {headroom.bottlenecks.length > 1 ? ` (and ${headroom.bottlenecks.length - 1} more at once)` : ''}
        </p>
      ) : (
        <p className="first-bottleneck muted">No bottleneck within the search.</p>
      )}
      {headroom.alreadyBroken.length > 0 ? <AlreadyBroken violations={headroom.alreadyBroken} /> : null}
    </div>
  );
}

function AlreadyBroken({ violations }: { violations: ScenarioViolation[] }) {
  return (
    <details className="already-broken">
      <summary className="breach-text">
        {violations.length} limit{violations.length === 1 ? '' : 's'} already broken at ×1 (not waited for)
      </summary>
      <ul>
        {violations.map((violation) => (
          <li key={`${violation.entity} ${violation.kind}`}>
            <EntityLink id={violation.entity} /> — {violation.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
