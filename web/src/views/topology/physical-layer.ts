import type { TwinApi } from '../../api/twin-api';
import { formatCount } from '../../format/format-number';
import { changesLayer } from './layer-change-rule';
import { buildPhysicalTree, unplacedId } from './physical-tree';
import { planScene } from './plan-scene';
import type { LayerData } from './topology-layers';

/**
 * The physical layer: every entity, the `contains` relations and the `runs-on` relations of VMs
 * and containers, fetched at once, nested and placed.
 */
export async function loadPhysicalLayer(api: TwinApi, signal: AbortSignal): Promise<LayerData> {
  const [entities, contains, vmPlacement, containerPlacement] = await Promise.all([
    api.allEntityBriefs({}, signal),
    api.allRelations({ type: 'contains' }, signal),
    api.allRelations({ type: 'runs-on', fromKind: 'vm' }, signal),
    api.allRelations({ type: 'runs-on', fromKind: 'container' }, signal),
  ]);
  const tree = buildPhysicalTree(entities, [...contains, ...vmPlacement, ...containerPlacement]);
  const sites = tree.roots.filter((root) => root.id !== unplacedId).length;
  return {
    nodes: tree.nodes,
    drawing: { type: 'plan', scene: planScene(tree.roots) },
    description: `${formatCount(tree.nodes.length)} entities in ${formatCount(sites)} site${sites === 1 ? '' : 's'}`,
  };
}

/** A change set that adds, removes or renames an entity, or moves one (`contains`, `runs-on`). */
export const physicalLayerAffectedBy = changesLayer(['contains', 'runs-on']);
