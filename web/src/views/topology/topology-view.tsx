import { PageTitle } from '../../components/page-title';
import type { Route } from '../../routing/route';
import { LayerExplorer } from './layer-explorer';
import { LayerPicker } from './layer-picker';
import { defaultLayerId, topologyLayers } from './topology-layers';

/** The estate as a map, one layer at a time. */
export function TopologyView({ route }: { route: Route }) {
  const layerId = (route.view === 'topology' ? route.layer : undefined) ?? defaultLayerId;
  const focus = route.view === 'topology' ? route.focus : undefined;
  const layer = topologyLayers.find((candidate) => candidate.id === layerId);
  return (
    <div className="view topology">
      <div className="view-header">
        <PageTitle title="Topology" />
        <LayerPicker current={layerId} />
      </div>
      {layer === undefined && <p className="error">There is no topology layer named “{layerId}”.</p>}
      {layer !== undefined && layer.load === undefined && (
        <p className="muted">
          The {layer.label.toLowerCase()} layer ({layer.hint}) is not built yet.
        </p>
      )}
      {layer?.load !== undefined && (
        <LayerExplorer key={layer.id} layer={layer} load={layer.load} focus={focus} />
      )}
    </div>
  );
}
