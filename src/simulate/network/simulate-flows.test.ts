import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { createRouteScratch, ecmpRoute } from './ecmp-route.js';
import { linkDelaySeconds } from './link-delay.js';
import { compileNetwork, type NetworkGraph, type NetworkLink } from './network-graph.js';
import { distancesTo } from './shortest-distances.js';
import { type NetworkFlow, simulateFlows } from './simulate-flows.js';

const mbps = 1e6;
const link = (
  id: string,
  a: string,
  b: string,
  capacityBps = 10 * mbps,
  latencySeconds = 0.001,
): NetworkLink => ({
  id,
  a,
  b,
  capacityBps,
  latencySeconds,
});
const nodes = (...ids: string[]) => ids.map((id) => ({ id }));

/** s → {m1, m2} → t, plus a slow direct s — t link that is shorter in hops. */
function diamond(): NetworkGraph {
  return {
    nodes: nodes('s', 'm1', 'm2', 't'),
    links: [
      link('s-m1', 's', 'm1'),
      link('s-m2', 's', 'm2'),
      link('m1-t', 'm1', 't'),
      link('m2-t', 'm2', 't'),
      link('s-t', 's', 't', 10 * mbps, 0.05),
    ],
  };
}

describe('simulateFlows', () => {
  it('shares a bottleneck max-min fairly and reports load, saturation and bottlenecks', () => {
    const graph = { nodes: nodes('a', 'b', 'c'), links: [link('ab', 'a', 'b'), link('bc', 'b', 'c')] };
    const result = simulateFlows(graph, [
      { id: 'f1', source: 'a', destination: 'c', demandBps: 8 * mbps },
      { id: 'f2', source: 'b', destination: 'c', demandBps: 8 * mbps },
      { id: 'f3', source: 'c', destination: 'a', demandBps: 1 * mbps },
    ]);
    expect(result.flows.map((f) => f.allocatedBps)).toEqual([5 * mbps, 5 * mbps, 1 * mbps]);
    expect(result.flows.map((f) => f.satisfied)).toEqual([false, false, true]);
    expect(result.flows[0]!.bottlenecks).toEqual(['bc']);
    expect(result.saturatedLinks).toEqual([{ id: 'bc', direction: 'forward' }]);
    const bc = result.links.find((l) => l.id === 'bc')!;
    expect(bc.forward.utilisation).toBeCloseTo(1, 12);
    expect(bc.reverse.loadBps).toBe(1 * mbps);
    expect(result.links.find((l) => l.id === 'ab')!.forward.loadBps).toBe(5 * mbps);
  });

  it('by hop count takes the direct link; by latency splits equally over the two 2 ms paths', () => {
    const flow = [{ id: 'f', source: 's', destination: 't', demandBps: 4 * mbps }];
    const byHops = simulateFlows(diamond(), flow);
    expect(byHops.links.find((l) => l.id === 's-t')!.forward.loadBps).toBe(4 * mbps);
    const byLatency = simulateFlows(diamond(), flow, { metric: 'latency' });
    const load = (id: string) => byLatency.links.find((l) => l.id === id)!.forward.loadBps;
    expect([load('s-m1'), load('s-m2'), load('m1-t'), load('m2-t'), load('s-t')]).toEqual([
      2 * mbps,
      2 * mbps,
      2 * mbps,
      2 * mbps,
      0,
    ]);
    const latency = byLatency.flows[0]!;
    // 2 ms propagation + two hops of M/M/1 delay at ρ = 0.2 on 10 Mb/s with 1500 B packets.
    expect(latency.meanLatencySeconds).toBeCloseTo(0.002 + 2 * (0.0012 / 0.8), 12);
    expect(latency.worstLatencySeconds).toBeCloseTo(latency.meanLatencySeconds, 12);
  });

  it('splits per hop, not per path: an unbalanced DAG gives its paths unequal shares', () => {
    // s → a → t and s → b ⇉ t over two parallel links: a gets 1/2, each b–t link 1/4.
    const graph = {
      nodes: nodes('s', 'a', 'b', 't'),
      links: [
        link('sa', 's', 'a'),
        link('sb', 's', 'b'),
        link('at', 'a', 't'),
        link('bt1', 'b', 't'),
        link('bt2', 'b', 't'),
      ],
    };
    const result = simulateFlows(graph, [{ id: 'f', source: 's', destination: 't', demandBps: 4 * mbps }]);
    const load = (id: string) => result.links.find((l) => l.id === id)!.forward.loadBps;
    expect([load('at'), load('bt1'), load('bt2')]).toEqual([2 * mbps, 1 * mbps, 1 * mbps]);
  });

  it('re-routes around a failed link, and reports a flow unreachable when no path is left', () => {
    const flow = [{ id: 'f', source: 's', destination: 't', demandBps: 4 * mbps }];
    const rerouted = simulateFlows(diamond(), flow, { failedLinks: ['s-t'] });
    expect(rerouted.links.find((l) => l.id === 's-t')!.failed).toBe(true);
    expect(rerouted.links.find((l) => l.id === 's-m1')!.forward.loadBps).toBe(2 * mbps);
    const cut = simulateFlows(diamond(), flow, { failedLinks: ['s-t', 's-m1'], failedNodes: ['m2'] });
    expect(cut.unreachable).toEqual(['f']);
    expect(cut.flows[0]).toMatchObject({ reachable: false, allocatedBps: 0, meanLatencySeconds: Infinity });
  });

  it('refuses unknown nodes and links with field paths', () => {
    const issues = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((issue) => issue.field);
      }
      return [];
    };
    expect(issues(() => simulateFlows({ nodes: nodes('a'), links: [link('x', 'a', 'z', -1)] }, []))).toEqual([
      'links[0].b',
      'links[0].capacityBps',
    ]);
    expect(issues(() => simulateFlows(diamond(), [], { failedLinks: ['nope'] }))).toEqual(['failedLinks[0]']);
    expect(
      issues(() => simulateFlows(diamond(), [{ id: 'f', source: 's', destination: 'q', demandBps: 1 }])),
    ).toEqual(['flows[0].destination']);
  });

  it('routes a flow to itself with no links and no latency', () => {
    const result = simulateFlows(diamond(), [{ id: 'f', source: 's', destination: 's', demandBps: 7 }]);
    expect(result.flows[0]).toMatchObject({ reachable: true, allocatedBps: 7, meanLatencySeconds: 0 });
  });

  it('never loads a link direction beyond capacity and every flow meets demand or a saturated link (property)', () => {
    fc.assert(
      fc.property(randomNetwork(), fc.constantFrom('hops', 'latency'), ({ graph, flows }, metric) => {
        const result = simulateFlows(graph, flows, { metric: metric as 'hops' | 'latency' });
        graph.links.forEach((l, k) => {
          for (const side of [result.links[k]!.forward, result.links[k]!.reverse]) {
            expect(side.loadBps).toBeLessThanOrEqual(l.capacityBps * (1 + 1e-9));
          }
        });
        for (const flow of result.flows) {
          if (!flow.reachable) continue;
          expect(flow.satisfied || flow.bottlenecks.length > 0).toBe(true);
        }
      }),
    );
  });

  it('ECMP conserves flow: one unit leaves the source, one arrives, in = out elsewhere (property)', () => {
    fc.assert(
      fc.property(randomNetwork(), fc.constantFrom('hops', 'latency'), ({ graph, flows }, metric) => {
        const network = compileNetwork(graph);
        const scratch = createRouteScratch(network.nodeCount);
        for (const flow of flows) {
          const source = network.nodeIndex.get(flow.source)!;
          const destination = network.nodeIndex.get(flow.destination)!;
          const distances = distancesTo(network, destination, metric as 'hops' | 'latency');
          const route = ecmpRoute(network, distances, metric as 'hops' | 'latency', source, scratch);
          if (!route || source === destination) continue;
          const net = new Float64Array(network.nodeCount);
          route.arcs.forEach((arc, k) => {
            net[network.arcTail[arc]!]! -= route.fractions[k]!;
            net[network.arcHead[arc]!]! += route.fractions[k]!;
          });
          net.forEach((value, node) => {
            const expected = node === source ? -1 : node === destination ? 1 : 0;
            expect(value).toBeCloseTo(expected, 9);
          });
        }
      }),
    );
  });

  it('routes 10 k flows over a 2 k-link leaf–spine fabric', () => {
    const spines = 40;
    const leaves = 50;
    const graph: NetworkGraph = { nodes: [], links: [] };
    const nodeList = graph.nodes as { id: string }[];
    const linkList = graph.links as NetworkLink[];
    for (let s = 0; s < spines; s++) nodeList.push({ id: `spine${s}` });
    for (let l = 0; l < leaves; l++) {
      nodeList.push({ id: `leaf${l}` });
      for (let s = 0; s < spines; s++) linkList.push(link(`l${l}s${s}`, `leaf${l}`, `spine${s}`, 10e9, 1e-6));
    }
    const flows: NetworkFlow[] = Array.from({ length: 10_000 }, (_, k) => ({
      id: `f${k}`,
      source: `leaf${k % leaves}`,
      destination: `leaf${(k * 7 + 1 + Math.floor(k / leaves)) % leaves}`,
      demandBps: ((k % 13) + 1) * 1e9,
    }));
    const result = simulateFlows(graph, flows, { metric: 'latency', failedLinks: ['l0s0', 'l1s1'] });
    expect(linkList).toHaveLength(2000);
    expect(result.unreachable).toEqual([]);
    expect(result.saturatedLinks.length).toBeGreaterThan(0);
  });

  it('routes 10 k flows between random pairs of a 1 k-node, 2 k-link sparse mesh by latency', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const size = 1000;
    const ids = Array.from({ length: size }, (_, k) => `n${k}`);
    const links: NetworkLink[] = ids
      .slice(1)
      .map((id, k) => link(`t${k}`, id, ids[Math.floor(random() * (k + 1))]!, 1e9, 1e-4));
    while (links.length < 2000) {
      const a = Math.floor(random() * size);
      const b = Math.floor(random() * size);
      if (a !== b)
        links.push(link(`x${links.length}`, ids[a]!, ids[b]!, 1e9, Math.round(random() * 10) * 1e-4));
    }
    const flows: NetworkFlow[] = Array.from({ length: 10_000 }, (_, k) => ({
      id: `f${k}`,
      source: ids[Math.floor(random() * size)]!,
      destination: ids[Math.floor(random() * size)]!,
      demandBps: 1e6 + random() * 1e8,
    }));
    const result = simulateFlows({ nodes: ids.map((id) => ({ id })), links }, flows, { metric: 'latency' });
    expect(result.unreachable).toEqual([]);
  });
});

describe('linkDelaySeconds', () => {
  it('is the M/M/1 sojourn S/(1 − ρ): 1500 B on 1 Gb/s at ρ = 0.5 ⇒ 24 µs, capped by a full buffer when saturated', () => {
    expect(linkDelaySeconds(0, 1e9)).toBeCloseTo(12e-6, 15);
    expect(linkDelaySeconds(0.5, 1e9)).toBeCloseTo(24e-6, 15);
    expect(linkDelaySeconds(1, 1e9)).toBeCloseTo(1001 * 12e-6, 15);
    expect(linkDelaySeconds(0.9999999, 1e9)).toBeCloseTo(1001 * 12e-6, 15);
    expect(linkDelaySeconds(0.5, 0)).toBe(Infinity);
  });

  it('grows with utilisation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(linkDelaySeconds(low, 1e9)).toBeLessThanOrEqual(linkDelaySeconds(high, 1e9));
        },
      ),
    );
  });
});

/** Connected-or-not random graphs of 2–8 nodes with parallel links, random latencies and flows. */
function randomNetwork() {
  return fc
    .record({
      size: fc.integer({ min: 2, max: 8 }),
      links: fc.array(
        fc.record({
          a: fc.nat(),
          b: fc.nat(),
          capacity: fc.integer({ min: 0, max: 100 }),
          latency: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: 1, maxLength: 16 },
      ),
      flows: fc.array(
        fc.record({
          s: fc.nat(),
          t: fc.nat(),
          demand: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(Infinity)),
        }),
        { maxLength: 12 },
      ),
    })
    .map(({ size, links, flows }) => {
      const ids = Array.from({ length: size }, (_, k) => `n${k}`);
      const graph: NetworkGraph = {
        nodes: ids.map((id) => ({ id })),
        links: links
          .filter((l) => l.a % size !== l.b % size)
          .map((l, k) => link(`l${k}`, ids[l.a % size]!, ids[l.b % size]!, l.capacity, l.latency * 0.001)),
      };
      const flowList: NetworkFlow[] = flows.map((f, k) => ({
        id: `f${k}`,
        source: ids[f.s % size]!,
        destination: ids[f.t % size]!,
        demandBps: f.demand,
      }));
      return { graph, flows: flowList };
    });
}
