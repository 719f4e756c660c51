import type { AttackAnalysisResult, JewelReport } from '../../contract';
import { formatCount } from '../../format/format-number';
import { percent } from './attack-paths-graph';

/** The jewel's reach odds by Monte Carlo, with the interval, and its best paths' figures. */
export function OddsSummary({ analysis, jewel }: { analysis: AttackAnalysisResult; jewel: JewelReport }) {
  const monteCarlo = analysis.monteCarlo;
  return (
    <dl className="attack-odds">
      <div>
        <dt>Reachable</dt>
        <dd data-figure="reachable">{jewel.reachable ? 'yes' : 'no'}</dd>
      </div>
      <div>
        <dt>
          Reach odds
          {monteCarlo ? ` (Monte Carlo, ${formatCount(monteCarlo.trials)} trials)` : ''}
        </dt>
        <dd data-figure="odds">
          {jewel.odds ? (
            <>
              {percent(jewel.odds.probability)}{' '}
              <span className="muted">
                ({Math.round((monteCarlo?.confidence ?? 0.95) * 100)} % interval {percent(jewel.odds.low)}–
                {percent(jewel.odds.high)})
              </span>
            </>
          ) : (
            'not computed'
          )}
        </dd>
      </div>
      <div>
        <dt>Mean steps to fall</dt>
        <dd>{jewel.odds?.meanSteps ?? '—'}</dd>
      </div>
      <div>
        <dt>Most likely path</dt>
        <dd data-figure="most-likely">{jewel.mostLikely ? percent(jewel.mostLikely.probability) : '—'}</dd>
      </div>
      <div>
        <dt>Shortest path</dt>
        <dd data-figure="shortest">{jewel.shortest ? `${jewel.shortest.length} steps` : '—'}</dd>
      </div>
    </dl>
  );
}

/** The cheapest fixes after which no crown jewel can be compromised. */
export function HardeningList({ analysis }: { analysis: AttackAnalysisResult }) {
  const hardening = analysis.hardening;
  if (hardening === undefined) return <p className="muted">No hardening set was computed.</p>;
  return (
    <div className="attack-hardening">
      <p className="muted">
        {hardening.fixes.length === 0
          ? 'Nothing to fix: no crown jewel can be compromised.'
          : `${hardening.fixes.length} ${hardening.fixes.length === 1 ? 'fix cuts' : 'fixes cut'} every path to every crown jewel, cost ${hardening.cost}`}
        {hardening.fixes.length > 0 &&
          (hardening.optimal
            ? ' (proved optimal)'
            : ` (${hardening.method}, lower bound ${hardening.lowerBound})`)}
        .
      </p>
      <ul aria-label="Minimal hardening set">
        {hardening.fixes.map((fix) => (
          <li key={fix.id}>
            {fix.description}{' '}
            <span className="muted">
              · {fix.kind} · cost {fix.cost}
            </span>
            <br />
            <code className="muted">{fix.id}</code>
          </li>
        ))}
      </ul>
      {hardening.uncuttable.length > 0 && (
        <p className="error">No allowed fix protects: {hardening.uncuttable.join(', ')}.</p>
      )}
    </div>
  );
}
