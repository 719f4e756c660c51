import { useState } from 'react';
import { useSession } from '../../session/session-context';
import type { LayerData, TopologyLayer } from './topology-layers';

/**
 * Whether a change set has made the drawn layer out of date. The live `change` message names the
 * entities, not what changed, so the change set's operations are read and asked of the layer.
 * New data (a redraw) is current again.
 */
export function useOutdatedLayer(layer: TopologyLayer, data: LayerData) {
  const { api } = useSession();
  const [outdated, setOutdated] = useState<LayerData | undefined>();
  const changed = outdated === data;
  const markOutdated = () => setOutdated(data);

  const observeChange = (seq: number) => {
    const affectedBy = layer.affectedBy;
    if (changed) return;
    if (affectedBy === undefined) {
      markOutdated();
      return;
    }
    api.changeSet(seq).then((changeSet) => {
      if (affectedBy(changeSet.ops)) markOutdated();
    }, markOutdated);
  };
  return { changed, observeChange };
}
