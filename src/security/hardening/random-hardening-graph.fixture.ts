// Generated attack graphs for the hardening tests: small random AND/OR graphs with cycles and
// shared fixes (fast-check), and a large layered host network for speed measurements.
import fc from 'fast-check';
import { RandomStream } from '../../model/index.js';
import type { AttackGraph } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';

export interface HardeningAndSpec {
  /** Index among the OR nodes. */
  readonly conclusion: number;
  /** Index among leaves then OR nodes: p < leaves is leaf p, else OR node p − leaves. */
  readonly premises: readonly number[];
}

export interface HardeningGraphSpec {
  /** Cost of each fix. */
  readonly fixCosts: readonly number[];
  /** Per leaf, the fix that removes it (−1: none). Several leaves may share a fix. */
  readonly leafFixes: readonly number[];
  readonly ors: number;
  readonly ands: readonly HardeningAndSpec[];
  /** Indices among the OR nodes. */
  readonly goals: readonly number[];
}

export interface HardeningSpecOptions {
  readonly maxFixes?: number;
  readonly maxAnds?: number;
}

/** Small graphs: leaves, then OR nodes, then AND nodes; premises anywhere, so cycles. */
export function hardeningGraphSpec(options: HardeningSpecOptions = {}): fc.Arbitrary<HardeningGraphSpec> {
  const maxFixes = options.maxFixes ?? 10;
  const maxAnds = options.maxAnds ?? 16;
  return fc
    .record({
      fixes: fc.integer({ min: 1, max: maxFixes }),
      leaves: fc.integer({ min: 1, max: 12 }),
      ors: fc.integer({ min: 1, max: 7 }),
    })
    .chain(({ fixes, leaves, ors }) =>
      fc.record({
        fixCosts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: fixes, maxLength: fixes }),
        leafFixes: fc.array(
          fc.oneof(
            { weight: 8, arbitrary: fc.nat({ max: fixes - 1 }) },
            { weight: 1, arbitrary: fc.constant(-1) },
          ),
          { minLength: leaves, maxLength: leaves },
        ),
        ors: fc.constant(ors),
        ands: fc.array(
          fc.record({
            conclusion: fc.nat({ max: ors - 1 }),
            // Mostly one to three premises; now and then none (a rule that always fires).
            premises: fc.oneof(
              {
                weight: 12,
                arbitrary: fc.array(
                  fc.oneof(
                    { weight: 3, arbitrary: fc.nat({ max: leaves - 1 }) },
                    { weight: 2, arbitrary: fc.integer({ min: leaves, max: leaves + ors - 1 }) },
                  ),
                  { minLength: 1, maxLength: 3 },
                ),
              },
              { weight: 1, arbitrary: fc.constant([]) },
            ),
          }),
          { minLength: ors, maxLength: Math.max(ors, maxAnds) },
        ),
        goals: fc.uniqueArray(fc.nat({ max: ors - 1 }), { minLength: 1, maxLength: Math.min(3, ors) }),
      }),
    );
}

export interface BuiltHardeningGraph {
  readonly graph: AttackGraph;
  /** Node of leaf i. */
  readonly leafNodes: readonly number[];
  /** Node of OR node i. */
  readonly orNodes: readonly number[];
}

export function buildHardeningGraph(spec: HardeningGraphSpec): BuiltHardeningGraph {
  const builder = new AttackGraphBuilder();
  spec.fixCosts.forEach((cost, index) => {
    builder.fix({
      id: `fix-${index}`,
      kind: 'patch',
      target: `host:h${index}`,
      description: `fix ${index}`,
      cost,
    });
  });
  const leafNodes = spec.leafFixes.map((fix, index) =>
    builder.leaf({ label: `leaf ${index}`, entities: [] }, fix),
  );
  const orNodes = Array.from({ length: spec.ors }, (_, index) =>
    builder.or({ label: `or ${index}`, entities: [] }),
  );
  const nodeOf = (premise: number): number =>
    premise < leafNodes.length
      ? (leafNodes[premise] as number)
      : (orNodes[premise - leafNodes.length] as number);
  spec.ands.forEach((and, index) => {
    builder.and(
      { label: `and ${index}`, entities: [] },
      orNodes[and.conclusion] as number,
      and.premises.map(nodeOf),
      1,
      1,
    );
  });
  return { graph: builder.build(spec.goals.map((goal) => orNodes[goal] as number)), leafNodes, orNodes };
}

export interface LayeredNetworkOptions {
  /** Hosts per layer; layer 0 faces the attacker, the goals sit in the last layer. */
  readonly hostsPerLayer: number;
  readonly layers: number;
  /** Services (each an exploitable way in) per host. */
  readonly servicesPerHost: number;
  /** Hosts of the layer before (or the same layer, making cycles) each service is reachable from. */
  readonly sources: number;
  /** Distinct fixes; leaves draw theirs from this pool, so fixes are shared. */
  readonly fixes: number;
  readonly goals: number;
  readonly seed: number;
  /** Leaf nodes shared by all rule instances (0, the default: a new leaf for each use). */
  readonly leafPool?: number;
  /** Leaves of each multi-hop rule instance besides the source's code execution. 1 by default. */
  readonly hopLeaves?: number;
}

/**
 * A MulVAL-shaped network: per host an OR "code execution"; per service an OR "network access"
 * with one AND per source host (source's code execution, a reachability leaf) and an AND exploit
 * (network access, a vulnerability leaf, a service leaf) concluding the host's code execution.
 * Leaves' fixes come from a shared pool, with costs 1–5.
 */
export function layeredNetwork(options: LayeredNetworkOptions): AttackGraph {
  const random = RandomStream.fromSeed(options.seed);
  const pick = (n: number): number => Math.min(n - 1, Math.floor(random.nextDouble() * n));
  const builder = new AttackGraphBuilder();
  for (let fix = 0; fix < options.fixes; fix++)
    builder.fix({
      id: `fix-${fix}`,
      kind: 'patch',
      target: `vulnerability:v${fix}`,
      description: `fix ${fix}`,
      cost: 1 + pick(5),
    });
  const newLeaf = (): number => builder.leaf({ label: 'leaf', entities: [] }, pick(options.fixes));
  const pool = Array.from({ length: options.leafPool ?? 0 }, newLeaf);
  const leaf = (): number => (pool.length > 0 ? (pool[pick(pool.length)] as number) : newLeaf());
  const hopLeaves = options.hopLeaves ?? 1;
  const attacker = builder.leaf({ label: 'attackerLocated(internet)', entities: [] });
  const exec: number[][] = [];
  for (let layer = 0; layer < options.layers; layer++) {
    const hosts: number[] = [];
    for (let host = 0; host < options.hostsPerLayer; host++)
      hosts.push(builder.or({ label: `execCode(h${layer}.${host})`, entities: [] }));
    exec.push(hosts);
  }
  for (let layer = 0; layer < options.layers; layer++) {
    for (let host = 0; host < options.hostsPerLayer; host++) {
      for (let service = 0; service < options.servicesPerHost; service++) {
        const access = builder.or({ label: `netAccess(h${layer}.${host},s${service})`, entities: [] });
        for (let source = 0; source < options.sources; source++) {
          if (layer === 0 && source === 0) {
            builder.and({ label: 'direct', entities: [] }, access, [attacker, leaf()], 1, 0);
            continue;
          }
          const from = layer === 0 || random.nextDouble() < 0.15 ? layer : layer - 1;
          const origin = (exec[from] as number[])[pick(options.hostsPerLayer)] as number;
          const hop = [origin];
          for (let i = 0; i < hopLeaves; i++) hop.push(leaf());
          builder.and({ label: 'multi-hop', entities: [] }, access, hop, 0.5, 0);
        }
        builder.and(
          { label: 'remote exploit', entities: [] },
          (exec[layer] as number[])[host] as number,
          [access, leaf(), leaf()],
          0.8,
          1,
        );
      }
    }
  }
  const last = exec[options.layers - 1] as number[];
  const goals = Array.from({ length: options.goals }, (_, index) => last[index % last.length] as number);
  return builder.build([...new Set(goals)]);
}
