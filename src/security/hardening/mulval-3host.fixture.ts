import type { AttackGraph, Fix, NodeFact } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';

// MulVAL's 3-host example as an AttackGraph, for known-answer tests.
//
// Source: MulVAL, testcases/3host/input.P and kb/interaction_rules.P (rule numbers and weights),
// risksense/mulval at commit 07d279ff03ab, GPL-3.0 — facts only, no code. The 26-node graph is
// MulVAL's own output for that input (`graph_gen.sh input.P -v -p`), as reproduced in a public
// py-mulval test fixture; transcribed in the project's shared security fixtures, section 5.3.
//
// Node i of the graph is MulVAL's node i + 1 (MulVAL numbers from 1): use `mulvalNode(id)`.
// Each of the 11 LEAF facts is removable by its own fix, of cost 1 (fix ids `leaf-<mulval id>`).
// AND nodes carry MulVAL's rule weight as probability (rule 2 → 1.0, 4 → 0.8, 5 → 0.5,
// 6 → 1.0, 10 → 1.0, 16 → 1.0, 17 → 0.8) and one attacker step for rules 2, 4 and 17 (an
// exploit, planting a Trojan, an NFS shell), none for the inferences.

export const mulval3HostNodeCount = 26;

/** The graph node of MulVAL node `id` (1-based). */
export function mulvalNode(id: number): number {
  if (!Number.isInteger(id) || id < 1 || id > mulval3HostNodeCount)
    throw new RangeError(`MulVAL 3-host has no node ${id}`);
  return id - 1;
}

/** What the 3-host case is known to give (shared security fixtures, section 5.4). */
export const mulval3HostExpected = {
  /** MulVAL id of the goal, execCode(workStation,root). */
  goal: 1,
  /** MulVAL ids of the leaves whose removal alone cuts the goal. */
  singleCuts: [17, 18, 19, 20, 26],
  /** With those five not allowed, every minimum cut is one of these pairs (MulVAL leaf ids). */
  pairCuts: [
    [7, 24],
    [7, 25],
    [12, 24],
    [12, 25],
    [21, 24],
    [21, 25],
    [22, 24],
    [22, 25],
  ],
  /** Probability the goal is reached with the rule weights as independent successes. */
  goalProbability: 0.72,
} as const;

type Kind = Fix['kind'];

interface LeafSpec {
  readonly id: number;
  readonly label: string;
  readonly kind: Kind;
  readonly entities: readonly string[];
}

interface AndSpec {
  readonly id: number;
  readonly rule: number;
  readonly label: string;
  readonly conclusion: number;
  readonly premises: readonly number[];
}

const ruleWeight: Readonly<Record<number, number>> = { 2: 1, 4: 0.8, 5: 0.5, 6: 1, 10: 1, 16: 1, 17: 0.8 };
const ruleSteps: Readonly<Record<number, number>> = { 2: 1, 4: 1, 17: 1 };

const orFacts: Readonly<Record<number, NodeFact>> = {
  1: { label: 'execCode(workStation,root)', entities: ['host:workStation'] },
  3: { label: "accessFile(workStation,write,'/usr/local/share')", entities: ['host:workStation'] },
  5: { label: "accessFile(fileServer,write,'/export')", entities: ['host:fileServer'] },
  8: { label: 'execCode(fileServer,root)', entities: ['host:fileServer'] },
  10: { label: 'netAccess(fileServer,rpc,100005)', entities: ['host:fileServer'] },
  13: { label: 'execCode(webServer,apache)', entities: ['host:webServer'] },
  15: { label: 'netAccess(webServer,tcp,80)', entities: ['host:webServer'] },
};

const andSpecs: readonly AndSpec[] = [
  { id: 2, rule: 4, label: 'RULE 4 Trojan horse installation', conclusion: 1, premises: [3] },
  { id: 4, rule: 16, label: 'RULE 16 NFS semantics', conclusion: 3, premises: [5, 26] },
  { id: 6, rule: 10, label: 'RULE 10 execCode implies file access', conclusion: 5, premises: [7, 8] },
  {
    id: 9,
    rule: 2,
    label: 'RULE 2 remote exploit of a server program',
    conclusion: 8,
    premises: [10, 21, 22],
  },
  { id: 11, rule: 5, label: 'RULE 5 multi-hop access', conclusion: 10, premises: [12, 13] },
  {
    id: 14,
    rule: 2,
    label: 'RULE 2 remote exploit of a server program',
    conclusion: 13,
    premises: [15, 19, 20],
  },
  { id: 16, rule: 6, label: 'RULE 6 direct network access', conclusion: 15, premises: [17, 18] },
  { id: 23, rule: 17, label: 'RULE 17 NFS shell', conclusion: 5, premises: [24, 25, 13] },
];

const leafSpecs: readonly LeafSpec[] = [
  {
    id: 7,
    label: "canAccessFile(fileServer,root,write,'/export')",
    kind: 'remove-trust',
    entities: ['host:fileServer'],
  },
  {
    id: 12,
    label: 'hacl(webServer,fileServer,rpc,100005)',
    kind: 'block-rule',
    entities: ['host:webServer', 'host:fileServer'],
  },
  {
    id: 17,
    label: 'hacl(internet,webServer,tcp,80)',
    kind: 'block-rule',
    entities: ['zone:internet', 'host:webServer'],
  },
  { id: 18, label: 'attackerLocated(internet)', kind: 'remove-exposure', entities: ['zone:internet'] },
  {
    id: 19,
    label: 'networkServiceInfo(webServer,httpd,tcp,80,apache)',
    kind: 'remove-exposure',
    entities: ['host:webServer'],
  },
  {
    id: 20,
    label: "vulExists(webServer,'CAN-2002-0392',httpd,remoteExploit,privEscalation)",
    kind: 'patch',
    entities: ['host:webServer', 'vulnerability:CAN-2002-0392'],
  },
  {
    id: 21,
    label: 'networkServiceInfo(fileServer,mountd,rpc,100005,root)',
    kind: 'remove-exposure',
    entities: ['host:fileServer'],
  },
  {
    id: 22,
    label: 'vulExists(fileServer,vulID,mountd,remoteExploit,privEscalation)',
    kind: 'patch',
    entities: ['host:fileServer', 'vulnerability:vulID'],
  },
  {
    id: 24,
    label: 'hacl(webServer,fileServer,nfsProtocol,nfsPort)',
    kind: 'block-rule',
    entities: ['host:webServer', 'host:fileServer'],
  },
  {
    id: 25,
    label: "nfsExportInfo(fileServer,'/export',write,webServer)",
    kind: 'remove-trust',
    entities: ['host:fileServer', 'host:webServer'],
  },
  {
    id: 26,
    label: "nfsMounted(workStation,'/usr/local/share',fileServer,'/export',read)",
    kind: 'remove-trust',
    entities: ['host:workStation', 'host:fileServer'],
  },
];

/** Builds MulVAL's 3-host attack graph (26 nodes: 7 OR, 8 AND, 11 LEAF; 26 edges). */
export function buildMulval3Host(): AttackGraph {
  const builder = new AttackGraphBuilder();
  const leafById = new Map(leafSpecs.map((leaf) => [leaf.id, leaf]));
  const andById = new Map(andSpecs.map((and) => [and.id, and]));
  for (let id = 1; id <= mulval3HostNodeCount; id++) {
    const orFact = orFacts[id];
    const leaf = leafById.get(id);
    const and = andById.get(id);
    let node: number;
    if (orFact) node = builder.or(orFact);
    else if (leaf) {
      const fix = builder.fix({
        id: `leaf-${id}`,
        kind: leaf.kind,
        target: leaf.entities[0] as string,
        description: `remove ${leaf.label}`,
        cost: 1,
      });
      node = builder.leaf({ label: leaf.label, entities: leaf.entities }, fix);
    } else if (and) {
      const entities = orFacts[and.conclusion]?.entities ?? [];
      node = builder.and(
        { label: and.label, rule: and.rule, entities },
        mulvalNode(and.conclusion),
        and.premises.map(mulvalNode),
        ruleWeight[and.rule] as number,
        ruleSteps[and.rule] ?? 0,
      );
    } else throw new Error(`internal: MulVAL 3-host node ${id} is not described`);
    if (node !== mulvalNode(id)) throw new Error(`internal: MulVAL node ${id} built as node ${node}`);
  }
  return builder.build([mulvalNode(mulval3HostExpected.goal)]);
}

/** The fix index of the fix that removes MulVAL leaf `id` of a graph from `buildMulval3Host`. */
export function mulvalLeafFix(graph: AttackGraph, id: number): number {
  const fix = graph.leafFix[mulvalNode(id)] as number;
  if (fix < 0) throw new RangeError(`MulVAL node ${id} is not a leaf`);
  return fix;
}
