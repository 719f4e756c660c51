import type { TwinApi } from '../../api/twin-api';
import type { Operation } from '../../contract';
import { formatCount } from '../../format/format-number';
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

/** The relations that place entities in this layer. */
const placingRelations = ['contains', 'runs-on'];

/**
 * Whether a change set moves, adds, removes or renames something this layer may draw. Prop and
 * label changes (a fault's misconfiguration, a re-sync) and metric values leave it as it is.
 */
export function physicalLayerAffectedBy(ops: readonly Operation[]): boolean {
  return ops.some((op) => {
    switch (op.op) {
      case 'upsert-entity':
      case 'remove-entity':
        return true;
      case 'patch-entity':
        return op.name !== undefined;
      case 'upsert-relation':
        return placingRelations.includes(op.relation.type);
      case 'remove-relation':
        return placingRelations.some((type) => op.id.startsWith(`${type}:`));
      default:
        return false;
    }
  });
}
