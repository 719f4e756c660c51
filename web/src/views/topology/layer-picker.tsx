import { navigate } from '../../routing/navigation';
import { routePath } from '../../routing/route';
import { topologyLayers } from './topology-layers';

/** Which layer of the topology to draw; layers still to come are listed, but cannot be picked. */
export function LayerPicker({ current }: { current: string }) {
  return (
    <fieldset className="layer-picker">
      <legend className="visually-hidden">Layer</legend>
      {topologyLayers.map((layer) => (
        <label key={layer.id} title={layer.hint} className={layer.load ? undefined : 'planned'}>
          <input
            type="radio"
            name="topology-layer"
            value={layer.id}
            checked={layer.id === current}
            disabled={layer.load === undefined}
            onChange={() => navigate(routePath({ view: 'topology', layer: layer.id }))}
          />
          {layer.label}
        </label>
      ))}
    </fieldset>
  );
}
