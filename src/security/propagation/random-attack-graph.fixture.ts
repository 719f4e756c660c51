// Generated attack graphs for the propagation tests and the speed measurement: small random
// AND/OR graphs with cycles (fast-check), and a large host network in MulVAL's shape.
import fc from 'fast-check';
import { RandomStream } from '../../model/index.js';
import { type AttackGraph, NodeType } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';

export interface AndSpec {
  /** Index among the OR nodes. */
  readonly conclusion: number;
  /**
   * Index among leaves, then OR nodes, then AND nodes (modulo their count): the model's graphs
   * only have leaves and OR nodes as premises, but the solver must not depend on it.
   */
  readonly premises: readonly number[];
  readonly probability: number;
  readonly steps: number;
}

export interface GraphSpec {
  readonly leaves: number;
  readonly ors: number;
  readonly ands: readonly AndSpec[];
  /** Leaf i has fix i; removed[i] applies it. */
  readonly removed: readonly boolean[];
}

export interface SpecOptions {
  readonly maxAnds?: number;
  /** At most this many AND nodes with a probability strictly between 0 and 1. */
  readonly maxUncertain?: number;
}

/** Small graphs: leaves first, then OR nodes, then AND nodes, premises anywhere (so cycles). */
export function graphSpec(options: SpecOptions = {}): fc.Arbitrary<GraphSpec> {
  const maxAnds = options.maxAnds ?? 12;
  return fc
    .record({ leaves: fc.integer({ min: 1, max: 4 }), ors: fc.integer({ min: 1, max: 6 }) })
    .chain(({ leaves, ors }) =>
      fc.record({
        leaves: fc.constant(leaves),
        ors: fc.constant(ors),
        ands: fc.array(
          fc.record({
            conclusion: fc.nat({ max: ors - 1 }),
            premises: fc.array(
              fc.oneof(
                { weight: 8, arbitrary: fc.nat({ max: leaves + ors - 1 }) },
                { weight: 1, arbitrary: fc.integer({ min: leaves + ors, max: leaves + ors + maxAnds }) },
              ),
              { maxLength: 3 },
            ),
            probability: fc.oneof(
              fc.constantFrom(0, 1, 0.5),
              fc.double({ min: 0.05, max: 0.95, noNaN: true }),
            ),
            steps: fc.oneof(
              { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
              { weight: 1, arbitrary: fc.constantFrom(254, 255) },
            ),
          }),
          { maxLength: maxAnds },
        ),
        removed: fc.array(
          fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
          {
            minLength: leaves,
            maxLength: leaves,
          },
        ),
      }),
    )
    .map((spec) => limitUncertain(spec, options.maxUncertain ?? Number.POSITIVE_INFINITY));
}

function limitUncertain(spec: GraphSpec, max: number): GraphSpec {
  let uncertain = 0;
  const ands = spec.ands.map((and) => {
    if (and.probability > 0 && and.probability < 1 && ++uncertain > max) return { ...and, probability: 1 };
    return and;
  });
  return { ...spec, ands };
}

/** The graph of a spec; its goals are all OR nodes. */
export function buildSpec(spec: GraphSpec): AttackGraph {
  const b = new AttackGraphBuilder();
  for (let i = 0; i < spec.leaves; i++) {
    const fix = b.fix({
      id: `fix-${i}`,
      kind: 'patch',
      target: `leaf-${i}`,
      description: `remove leaf ${i}`,
      cost: 1,
    });
    b.leaf({ label: `leaf(${i})`, entities: [] }, fix);
  }
  const ors: number[] = [];
  for (let i = 0; i < spec.ors; i++) ors.push(b.or({ label: `or(${i})`, entities: [] }));
  const andBase = spec.leaves + spec.ors;
  for (const [i, and] of spec.ands.entries()) {
    const premises = and.premises.map((p) =>
      p < andBase ? p : andBase + ((p - andBase) % Math.max(spec.ands.length, 1)),
    );
    b.and(
      { label: `and(${i})`, entities: [] },
      ors[and.conclusion] as number,
      premises,
      and.probability,
      and.steps,
    );
  }
  return b.build(ors);
}

/** removedFixes of a spec. */
export function removedFixes(spec: GraphSpec): Uint8Array {
  return Uint8Array.from(spec.removed, (r) => (r ? 1 : 0));
}

/** Which AND nodes succeed, from a bit per AND node in node order (bit i of `bits`, repeating). */
export function successesFromBits(graph: AttackGraph, bits: readonly boolean[]): Uint8Array {
  const succeeds = new Uint8Array(graph.nodeCount);
  let i = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (graph.type[node] !== NodeType.And) continue;
    succeeds[node] = bits.length === 0 || bits[i++ % bits.length] ? 1 : 0;
  }
  return succeeds;
}

/**
 * A network of `hosts` hosts in MulVAL's shape: per host execCode and netAccess (OR), a
 * vulnerability (leaf) and its remote exploit (AND, 1 step, probability 0.3–0.9); per link
 * h1 → h2 a hacl leaf and a multi-hop AND (0 steps, probability 1) from execCode(h1) to
 * netAccess(h2); `entries` hosts reachable from the internet. 4 nodes per host and 2 per link,
 * so 10,000 hosts with 3 links each (and 3 entries) give 100,004 nodes. Goals: the last 10 hosts' execCode.
 */
export function hostNetworkGraph(
  hosts: number,
  linksPerHost: number,
  seed: number,
  entries = 3,
): AttackGraph {
  const random = RandomStream.fromSeed(seed);
  const b = new AttackGraphBuilder();
  const internet = b.leaf({ label: 'attackerLocated(internet)', entities: [] });
  const exec: number[] = [];
  const net: number[] = [];
  for (let h = 0; h < hosts; h++) {
    exec.push(b.or({ label: `execCode(h${h})`, entities: [] }));
    net.push(b.or({ label: `netAccess(h${h})`, entities: [] }));
  }
  for (let h = 0; h < hosts; h++) {
    const vuln = b.leaf({ label: `vulExists(h${h})`, entities: [] });
    const p = 0.3 + 0.6 * random.nextDouble();
    b.and({ label: 'RULE 2', rule: 2, entities: [] }, exec[h] as number, [net[h] as number, vuln], p, 1);
  }
  for (let h = 0; h < hosts; h++) {
    for (let l = 0; l < linksPerHost; l++) {
      const to = Math.floor(random.nextDouble() * hosts);
      const hacl = b.leaf({ label: `hacl(h${h},h${to})`, entities: [] });
      b.and({ label: 'RULE 5', rule: 5, entities: [] }, net[to] as number, [exec[h] as number, hacl], 1, 0);
    }
  }
  for (let e = 0; e < entries; e++) {
    b.and({ label: 'RULE 6', rule: 6, entities: [] }, net[e] as number, [internet], 1, 0);
  }
  return b.build(exec.slice(-10));
}
