import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LiveFilter } from '../../api/live-connection';
import { LiveBadge } from '../../components/live-badge';
import { LoadStatus } from '../../components/load-status';
import { useAsync } from '../../hooks/use-async';
import { useLiveStream } from '../../hooks/use-live-stream';
import { navigate } from '../../routing/navigation';
import { entityPath, routePath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { BlastRadiusPanel } from './blast-radius-panel';
import { EntityCard } from './entity-card';
import { GraphCanvas } from './graph-canvas';
import type { GraphNode } from './graph-node';
import { HealthLegend } from './health-legend';
import type { TopologyGraph } from './topology-drawing';
import type { LayerData, TopologyLayer } from './topology-layers';
import { TopologySearch } from './topology-search';
import { useLayerHealth } from './use-layer-health';
import { useOutdatedLayer } from './use-outdated-layer';
import { ZoomButtons } from './zoom-buttons';

/** The protocol takes at most 100 kinds in a filter; a layer with more streams everything. */
const maxFilterKinds = 100;

interface ExplorerProps {
  layer: TopologyLayer;
  load: NonNullable<TopologyLayer['load']>;
  focus: string | undefined;
}

/** One layer of the topology: loaded, drawn, searchable, and recoloured live. */
export function LayerExplorer({ layer, load, focus }: ExplorerProps) {
  const { api } = useSession();
  const data = useAsync((signal) => load(api, signal), [api, load]);
  const [alternate, setAlternate] = useState(false);
  if (data.data === undefined)
    return <LoadStatus error={data.error} what={`the ${layer.label.toLowerCase()} layer`} />;
  const variant = data.data.alternate;
  const shown = alternate && variant !== undefined ? variant.data : data.data;
  const variantToggle = variant !== undefined && (
    <label className="layer-variant">
      <input type="checkbox" checked={alternate} onChange={(event) => setAlternate(event.target.checked)} />{' '}
      {variant.label}
    </label>
  );
  return (
    <LayerWorkspace
      layer={layer}
      data={shown}
      focus={focus}
      redraw={data.reload}
      toolbarExtra={variantToggle}
    />
  );
}

interface WorkspaceProps {
  layer: TopologyLayer;
  data: LayerData;
  focus: string | undefined;
  redraw(): void;
  /** More controls for the toolbar (the network layer's "Show hosts"). */
  toolbarExtra?: ReactNode;
}

function LayerWorkspace({ layer, data, focus, redraw, toolbarExtra }: WorkspaceProps) {
  const graph = useRef<TopologyGraph | undefined>(undefined);
  const [graphDrawn, setGraphDrawn] = useState(0);
  const [hovered, setHovered] = useState<string | undefined>();
  const [focusMissing, setFocusMissing] = useState(false);
  const { health, counts, observe } = useLayerHealth(data, graph);
  const { changed, observeChange } = useOutdatedLayer(layer, data);

  const filter = useMemo<LiveFilter>(
    () => liveFilterFor([...data.nodes, ...(data.edgeEntities ?? [])]),
    [data],
  );
  const live = useLiveStream(filter, {
    onMessage(message) {
      if (message.type === 'state') {
        observe(message);
      } else if (message.type === 'change' && message.fork === undefined) {
        observeChange(message.seq);
      }
    },
    onResync: redraw,
  });

  const onGraph = useCallback((drawn: TopologyGraph | undefined) => {
    graph.current = drawn;
    if (drawn) setGraphDrawn((count) => count + 1);
  }, []);
  useEffect(() => {
    if (focus === undefined || graphDrawn === 0) return;
    setFocusMissing(graph.current?.focus(focus) === false);
  }, [focus, graphDrawn]);

  const find = (id: string) =>
    navigate(routePath({ view: 'topology', layer: layer.id, focus: id }), { replace: true });
  const hoveredNode = hovered === undefined ? undefined : data.nodes.find((node) => node.id === hovered);

  return (
    <div className="topology-workspace">
      <div className="topology-toolbar">
        <TopologySearch nodes={data.nodes} onFind={find} />
        <ZoomButtons graph={graph} />
        {toolbarExtra}
        <HealthLegend counts={counts} />
        <LiveBadge status={live} />
      </div>
      {changed && (
        <p className="notice topology-notice" role="status">
          The estate changed since this map was drawn.{' '}
          <button type="button" onClick={redraw}>
            Redraw
          </button>
        </p>
      )}
      <div className="topology-main">
        <GraphCanvas
          drawing={data.drawing}
          onGraph={onGraph}
          onOpen={(id) => navigate(entityPath(id))}
          onHover={setHovered}
          description={`${layer.label} topology: ${data.description}. Find an entity with the search box; the panel beside the map describes it.`}
        />
        <aside className="topology-side" aria-label="Found entity">
          <p className="muted">{data.description}</p>
          {focus === undefined && (
            <p className="muted">Find an entity, or click one in the map to open its page.</p>
          )}
          {focus !== undefined && focusMissing && (
            <p className="error" role="alert">
              {focus} is not in the {layer.label.toLowerCase()} layer.
            </p>
          )}
          {focus !== undefined && !focusMissing && <EntityCard id={focus} />}
          <BlastRadiusPanel
            selected={focus !== undefined && !focusMissing ? focus : undefined}
            graph={graph}
            drawing={graphDrawn}
            layerLabel={layer.label}
          />
        </aside>
      </div>
      <p className="hover-line muted" aria-hidden="true">
        {hoveredNode
          ? `${hoveredNode.name} · ${hoveredNode.kind} · ${health.get(hoveredNode.id) ?? 'unknown'}`
          : '\u00a0'}
      </p>
    </div>
  );
}

/** The layer's kinds, health changes only: the map recolours, it shows no values. */
function liveFilterFor(nodes: readonly GraphNode[]): LiveFilter {
  const kinds = [...new Set(nodes.map((node) => node.kind))].sort();
  return kinds.length > maxFilterKinds ? { states: 'health' } : { kinds, states: 'health' };
}
