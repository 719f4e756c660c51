import './attack.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EntityLink } from '../../components/entity-link';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import type { AttackAnalysisResult, AttackPath, JewelReport } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { navigate } from '../../routing/navigation';
import { type Route, routePath } from '../../routing/route';
import { RoleGate, useRoleAllows, useSession } from '../../session/session-context';
import { AttackGraphCanvas } from './attack-graph-canvas';
import { attackPathsGraph } from './attack-paths-graph';
import { DefensePanel } from './defense-panel';
import { JewelPicker } from './jewel-picker';
import { HardeningList, OddsSummary } from './odds-summary';
import { PathList } from './path-list';
import { StepEvidence } from './step-evidence';
import { StepList } from './step-list';

/** How many distinct paths to list per jewel (the API's maxPaths). */
export const listedPaths = 8;
const request = { maxPaths: listedPaths };

/** The ways an attacker reaches a crown jewel, their odds, the fixes that cut them, and defenses tried on a fork. */
export function AttackView({ route }: { route: Route }) {
  const jewelId = route.view === 'attack' ? route.jewel : undefined;
  const { api } = useSession();
  const analysis = useAsync((signal) => api.analyseAttackPaths(request, signal), [api]);
  const choose = useCallback(
    (id: string) => navigate(routePath({ view: 'attack', jewel: id }), { replace: true }),
    [],
  );
  const data = analysis.data;
  // Without a jewel in the URL, the one most at risk, written into the URL so a reload keeps it.
  const jewel = data === undefined ? undefined : pickJewel(data, jewelId);
  useEffect(() => {
    if (jewelId === undefined && jewel !== undefined) choose(jewel.id);
  }, [jewelId, jewel, choose]);

  return (
    <div className="view attack">
      <div className="view-header">
        <PageTitle title="Attack paths" />
        {data && data.jewels.length > 0 && (
          <JewelPicker jewels={data.jewels} chosen={jewel?.id} onChoose={choose} />
        )}
        <span className="spacer" />
        <button type="button" onClick={analysis.reload} disabled={analysis.loading}>
          {analysis.loading && data ? 'Analysing…' : 'Analyse again'}
        </button>
      </div>
      {data === undefined && <LoadStatus error={analysis.error} what="the attack analysis" />}
      {data !== undefined && data.jewels.length === 0 && (
        <p className="notice">
          No crown jewels: label the assets, services or databases to protect <code>crown-jewel=true</code>.
        </p>
      )}
      {data !== undefined && jewelId !== undefined && jewel === undefined && data.jewels.length > 0 && (
        <p className="error" role="alert">
          There is no crown jewel “{jewelId}”. Choose one above.
        </p>
      )}
      {data !== undefined && jewel !== undefined && (
        <JewelPaths key={jewel.id} analysis={data} jewel={jewel} />
      )}
    </div>
  );
}

function pickJewel(analysis: AttackAnalysisResult, id: string | undefined): JewelReport | undefined {
  if (id !== undefined) return analysis.jewels.find((jewel) => jewel.id === id);
  const risk = (jewel: JewelReport) => (jewel.reachable ? 1 + (jewel.odds?.probability ?? 0) : 0);
  return [...analysis.jewels].sort((a, b) => risk(b) - risk(a))[0];
}

const samePath = (a: AttackPath | undefined, b: AttackPath) =>
  a !== undefined &&
  a.steps.map((step) => step.gains).join('|') === b.steps.map((step) => step.gains).join('|');

function JewelPaths({ analysis, jewel }: { analysis: AttackAnalysisResult; jewel: JewelReport }) {
  const names = useMemo(() => {
    const known = new Map<string, string>();
    for (const asset of analysis.assets) known.set(asset.id, asset.name);
    for (const plane of analysis.managementPlane) known.set(plane.id, plane.name);
    for (const each of analysis.jewels) known.set(each.id, each.name);
    return known;
  }, [analysis]);
  const graph = useMemo(() => attackPathsGraph(jewel, jewel.paths, names), [jewel, names]);
  const labels = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node.label])), [graph]);
  const mostLikely = indexOf(jewel.paths, jewel.mostLikely);
  const shortest = indexOf(jewel.paths, jewel.shortest);
  const [selected, setSelected] = useState(mostLikely ?? 0);
  const [chosen, setChosen] = useState<string | undefined>();
  const operator = useRoleAllows('operator');
  const path = jewel.paths[selected];
  const edgeIds = graph.stepEdges[selected] ?? [];
  const chosenStep = path?.steps[edgeIds.indexOf(chosen ?? '')];
  const chosenNode = graph.nodes.find((node) => node.id === chosen);
  const onChoose = useCallback(
    (id: string) => {
      // A step of another path: show that path.
      const owner = graph.stepEdges.findIndex((edges) => edges.includes(id));
      if (owner >= 0 && !(graph.stepEdges[selected] ?? []).includes(id)) setSelected(owner);
      setChosen(id);
    },
    [graph, selected],
  );

  const description =
    jewel.paths.length === 0
      ? `No path reaches ${jewel.name}.`
      : `Attack graph to ${jewel.name}: ${graph.nodes.length} nodes and ${graph.edges.length} edges from ${jewel.paths.length} paths; path ${selected + 1} is drawn thick. Its steps are listed beside the graph.`;

  return (
    <>
      <Panel title={`${jewel.name}`} className="attack-jewel">
        <p className="attack-jewel-id">
          <EntityLink id={jewel.id} /> · {jewel.kind} · runs on {jewel.assets.length}{' '}
          {jewel.assets.length === 1 ? 'asset' : 'assets'}
        </p>
        <OddsSummary analysis={analysis} jewel={jewel} />
      </Panel>
      {jewel.paths.length === 0 ? (
        <p className="notice" role="status">
          No attacker path reaches {jewel.name} in the twin as it stands.
        </p>
      ) : (
        <div className="attack-main">
          <AttackGraphCanvas
            graph={graph}
            highlight={graph.pathElements[selected]}
            chosen={chosen}
            onChoose={onChoose}
            description={description}
          />
          <aside className="attack-side" aria-label="Paths">
            <PathList
              paths={jewel.paths}
              mostLikely={mostLikely}
              shortest={shortest}
              selected={selected}
              onSelect={(index) => {
                setSelected(index);
                setChosen(undefined);
              }}
            />
            {path && (
              <StepList
                path={path}
                rank={selected}
                edgeIds={edgeIds}
                names={labels}
                chosen={chosen}
                onChoose={setChosen}
              />
            )}
            {chosenStep && <StepEvidence key={chosen} step={chosenStep} />}
            {!chosenStep && chosenNode && (
              <p className="attack-node-card">
                {chosenNode.label} · {chosenNode.role}
                {chosenNode.id.includes(':') && (
                  <>
                    {' '}
                    · <EntityLink id={chosenNode.id} />
                  </>
                )}
              </p>
            )}
            {!chosen && <p className="muted">Choose a step (here or in the graph) to see its evidence.</p>}
          </aside>
        </div>
      )}
      <div className="attack-lower">
        <Panel title="Minimal hardening set">
          <HardeningList analysis={analysis} />
        </Panel>
        <RoleGate minimum="operator">
          <Panel title="Try a defense on a fork">
            <DefensePanel key={jewel.id} analysis={analysis} jewel={jewel} request={request} />
          </Panel>
        </RoleGate>
        {!operator && (
          <p className="muted attack-role-note">Trying defenses on a fork needs the operator role.</p>
        )}
      </div>
    </>
  );
}

function indexOf(paths: readonly AttackPath[], path: AttackPath | undefined): number | undefined {
  const index = paths.findIndex((candidate) => samePath(path, candidate));
  return index < 0 ? undefined : index;
}
