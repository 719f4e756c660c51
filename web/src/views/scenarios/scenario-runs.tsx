import { LoadStatus } from '../../components/load-status';
import { TimeAgo } from '../../components/time-ago';
import type { ScenarioSummary } from '../../contract';
import { formatCount } from '../../format/format-number';
import { Link } from '../../routing/link';
import { routePath } from '../../routing/route';
import { formatMultiplier } from './scenario-diff';

/** The runs the server kept (the latest 32, newest first), each a link to its result. */
export function ScenarioRuns({
  runs,
  error,
}: {
  runs: ScenarioSummary[] | undefined;
  error: Error | undefined;
}) {
  if (runs === undefined) return <LoadStatus error={error} what="the scenario runs" />;
  if (runs.length === 0)
    return <p className="muted">No scenario has run on this server yet (results are kept in its memory).</p>;
  return (
    <table className="scenario-runs">
      <caption className="visually-hidden">Scenario runs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Scenario</th>
          <th scope="col">Ran</th>
          <th scope="col" className="number">
            Limits broken
          </th>
          <th scope="col" className="number">
            Services down
          </th>
          <th scope="col" className="number">
            Headroom (live → scenario)
          </th>
          <th scope="col">Fork</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.fork} data-fork={run.fork}>
            <th scope="row">
              <Link to={routePath({ view: 'scenarios', fork: run.fork })}>{run.name}</Link>
            </th>
            <td>
              <TimeAgo ms={run.ranAt} />
            </td>
            <td className={`number${run.summary.violations > 0 ? ' breach-text' : ''}`}>
              {formatCount(run.summary.violations)}
            </td>
            <td className={`number${run.summary.servicesDown > 0 ? ' breach-text' : ''}`}>
              {formatCount(run.summary.servicesDown)}
            </td>
            <td className="number">
              {formatMultiplier(run.summary.headroomBase)} → {formatMultiplier(run.summary.headroomScenario)}
            </td>
            <td className="mono muted">{run.fork}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
