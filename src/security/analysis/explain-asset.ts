import { NotFoundError, type TwinView } from '../../model/index.js';
import { consumersOf } from '../graph/attack-graph.js';
import { buildAttackGraph } from '../graph/build-attack-graph.js';
import type { Privilege } from '../model/attack-model.js';
import { type TwinAttackOptions, twinAttackModel } from '../model/twin-attack-model.js';
import { bestDerivations } from '../paths/best-derivation.js';
import { type Explanation, explainNode } from '../paths/explain.js';

export interface AssetExplanation {
  readonly asset: string;
  readonly privilege: Privilege;
  /** Whether an attacker can get it at all. */
  readonly holds: boolean;
  /** Its most likely derivation, when it holds. */
  readonly explanation?: Explanation;
}

/** Why (and whether) an attacker gets `privilege` on an asset: its most likely derivation, rule by rule. */
export function explainAsset(
  view: TwinView,
  asset: string,
  privilege: Privilege,
  options: TwinAttackOptions = {},
): AssetExplanation {
  const built = buildAttackGraph(twinAttackModel(view, options).model);
  const nodes = built.execCode.get(asset);
  if (!nodes)
    throw new NotFoundError(
      `'${asset}' is not an asset the attack graph knows (a host, VM, container, device…)`,
    );
  const best = bestDerivations(built.graph, 'likelihood', { consumers: consumersOf(built.graph) });
  const explanation = explainNode(built.graph, best, nodes[privilege]);
  return { asset, privilege, holds: explanation !== undefined, ...(explanation ? { explanation } : {}) };
}
