import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import { useAsync } from '../../hooks/use-async';
import { navigate } from '../../routing/navigation';
import { type Route, routePath } from '../../routing/route';
import { useRoleAllows, useSession } from '../../session/session-context';
import { NewScenarioForm } from './new-scenario-form';
import { ScenarioResultView } from './scenario-result-view';
import { ScenarioRuns } from './scenario-runs';
import './scenarios.css';

/**
 * What-if scenarios (docs/simulate.md): `/scenarios` lists the runs and offers a new one from a
 * template (operators only: a run makes a fork); `/scenarios/<fork>` compares one result with the
 * live twin.
 */
export function ScenariosView({ route }: { route: Route }) {
  const fork = route.view === 'scenarios' ? route.fork : undefined;
  if (fork !== undefined) return <ScenarioResultView key={fork} fork={fork} />;
  return <ScenarioListPage />;
}

function ScenarioListPage() {
  const { api } = useSession();
  const runs = useAsync((signal) => api.scenarios(signal), [api]);
  const mayRun = useRoleAllows('operator');
  return (
    <div className="view scenarios">
      <div className="view-header">
        <PageTitle title="Scenarios" />
      </div>
      <p className="muted scenario-intro">
        What if traffic grows, something fails, a service moves to the cloud? Each scenario runs on a fork of
        the twin — the live twin is never touched — and is compared here with it: latency, utilisation, limits
        broken, the cascade, and the headroom.
      </p>
      {mayRun ? (
        <Panel title="New scenario">
          <NewScenarioForm
            onRan={(result) => navigate(routePath({ view: 'scenarios', fork: result.fork }))}
          />
        </Panel>
      ) : (
        <p className="notice">
          Running a scenario makes a fork, which needs the operator role; you can read every result.
        </p>
      )}
      <Panel
        title="Earlier runs"
        actions={
          <button type="button" onClick={runs.reload} disabled={runs.loading}>
            Refresh
          </button>
        }
      >
        <ScenarioRuns runs={runs.data} error={runs.error} />
      </Panel>
    </div>
  );
}
