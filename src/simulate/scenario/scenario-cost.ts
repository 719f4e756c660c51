import {
  type CostDiff,
  type CostSet,
  diffCosts,
  type EgressUsage,
  monthlyCost,
  type PriceTable,
} from '../cost/index.js';
import type { EstateSnapshot } from './estate-evaluator.js';
import type { EstateModel } from './estate-model.js';
import { requestShare } from './host-resources.js';

/**
 * Monthly cost of an estate's cloud side at list prices: every cloud instance by its type, and
 * the egress of calls that leave a cloud region — answers sent from the cloud and requests sent
 * from it, to another region (inter-region) or to a data center (internet).
 */
export function estateCost(model: EstateModel, snapshot: EstateSnapshot, prices: PriceTable): CostSet {
  const { view } = model;
  const instances = [...view.entitiesOfKind('cloud-instance')].map((instance) => ({
    id: instance.id,
    type: typeof instance.props.instanceType === 'string' ? instance.props.instanceType : 'unknown',
  }));
  const priced = instances.filter((instance) => Object.hasOwn(prices.instanceHourly, instance.type));
  return monthlyCost(prices, { instances: priced, egress: egressOf(model, snapshot) });
}

function cloudSites(model: EstateModel): Set<string> {
  const sites = new Set<string>();
  for (const region of model.view.entitiesOfKind('cloud-region'))
    sites.add(region.id.slice(region.id.indexOf(':') + 1));
  return sites;
}

function egressOf(model: EstateModel, snapshot: EstateSnapshot): EgressUsage[] {
  const cloud = cloudSites(model);
  const egress: EgressUsage[] = [];
  model.services.forEach((caller, s) => {
    for (const call of caller.callees) {
      const callee = model.services[call.to];
      if (!callee || caller.site === callee.site) continue;
      const bytes = (snapshot.serviceRate[s] as number) * call.calls * call.bytesPerCall;
      const otherIsCloud = (site: string | undefined) => site !== undefined && cloud.has(site);
      if (otherIsCloud(callee.site)) {
        egress.push({
          id: `${callee.id}→${caller.id}`,
          kind: otherIsCloud(caller.site) ? 'interRegion' : 'internet',
          bytesPerSecond: bytes * (1 - requestShare),
        });
      }
      if (otherIsCloud(caller.site)) {
        egress.push({
          id: `${caller.id}→${callee.id}`,
          kind: otherIsCloud(callee.site) ? 'interRegion' : 'internet',
          bytesPerSecond: bytes * requestShare,
        });
      }
    }
  });
  return egress;
}

export function compareCost(
  baseModel: EstateModel,
  base: EstateSnapshot,
  model: EstateModel,
  scenario: EstateSnapshot,
  prices: PriceTable,
): CostDiff {
  return diffCosts(estateCost(baseModel, base, prices), estateCost(model, scenario, prices));
}
