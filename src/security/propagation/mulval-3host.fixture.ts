// The MulVAL 3-host example as an AttackGraph, for known-answer tests of the propagation.
//
// Source: MulVAL `testcases/3host/input.P` (risksense/mulval, commit 07d279ff03ab, GPL-3.0; the
// Argus/KSU MulVAL papers), run with `graph_gen.sh input.P -v -p`; the 26-node graph as published
// verbatim in a py-mulval test fixture. Node i here is MulVAL's node i + 1; edges run premise →
// conclusion exactly as in MulVAL's output. Rule weights from `kb/interaction_rules.P` are the AND
// nodes' probabilities. The step counts are ours: 1 for an attacker action (rule 2 remote exploit,
// rule 4 Trojan horse, rule 17 NFS shell), 0 for pure inference (rules 5, 6, 10, 16).
//
// Known answer (fixtures/security.md §5.4, derived): P(execCode(workStation,root)) =
// 0.8 × (1 − (1 − 0.5)(1 − 0.8)) = 0.72, Trojan horse × (multi-hop exploit path ∨ NFS shell).
import type { AttackGraph, Fix } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';

type Row = readonly [id: number, type: 'OR' | 'AND' | 'LEAF', label: string];

const nodes: readonly Row[] = [
  [1, 'OR', 'execCode(workStation,root)'],
  [2, 'AND', 'RULE 4 Trojan horse installation'],
  [3, 'OR', "accessFile(workStation,write,'/usr/local/share')"],
  [4, 'AND', 'RULE 16 NFS semantics'],
  [5, 'OR', "accessFile(fileServer,write,'/export')"],
  [6, 'AND', 'RULE 10 execCode implies file access'],
  [7, 'LEAF', "canAccessFile(fileServer,root,write,'/export')"],
  [8, 'OR', 'execCode(fileServer,root)'],
  [9, 'AND', 'RULE 2 remote exploit of a server program'],
  [10, 'OR', 'netAccess(fileServer,rpc,100005)'],
  [11, 'AND', 'RULE 5 multi-hop access'],
  [12, 'LEAF', 'hacl(webServer,fileServer,rpc,100005)'],
  [13, 'OR', 'execCode(webServer,apache)'],
  [14, 'AND', 'RULE 2 remote exploit of a server program'],
  [15, 'OR', 'netAccess(webServer,tcp,80)'],
  [16, 'AND', 'RULE 6 direct network access'],
  [17, 'LEAF', 'hacl(internet,webServer,tcp,80)'],
  [18, 'LEAF', 'attackerLocated(internet)'],
  [19, 'LEAF', 'networkServiceInfo(webServer,httpd,tcp,80,apache)'],
  [20, 'LEAF', "vulExists(webServer,'CAN-2002-0392',httpd,remoteExploit,privEscalation)"],
  [21, 'LEAF', 'networkServiceInfo(fileServer,mountd,rpc,100005,root)'],
  [22, 'LEAF', 'vulExists(fileServer,vulID,mountd,remoteExploit,privEscalation)'],
  [23, 'AND', 'RULE 17 NFS shell'],
  [24, 'LEAF', 'hacl(webServer,fileServer,nfsProtocol,nfsPort)'],
  [25, 'LEAF', "nfsExportInfo(fileServer,'/export',write,webServer)"],
  [26, 'LEAF', "nfsMounted(workStation,'/usr/local/share',fileServer,'/export',read)"],
];

/** MulVAL's edge list, premise → conclusion, in its order. */
export const mulval3HostEdges =
  '7→6 12→11 17→16 18→16 16→15 15→14 19→14 20→14 14→13 13→11 11→10 10→9 21→9 22→9 9→8 8→6 6→5 ' +
  '24→23 25→23 13→23 23→5 5→4 26→4 4→3 3→2 2→1';

/** Rule number → [weight, steps]. */
const rules: ReadonlyMap<number, readonly [number, number]> = new Map([
  [2, [1.0, 1]],
  [4, [0.8, 1]],
  [5, [0.5, 0]],
  [6, [1.0, 0]],
  [10, [1.0, 0]],
  [16, [1.0, 0]],
  [17, [0.8, 1]],
]);

/** The fixes of §5.4's patch scenarios, by MulVAL node id of the leaf they remove. */
const fixes: ReadonlyMap<number, Fix> = new Map([
  [17, fix('block-internet-web-80', 'block-rule', 'hacl(internet,webServer,tcp,80)')],
  [20, fix('patch-CAN-2002-0392', 'patch', 'webServer')],
  [22, fix('patch-vulID', 'patch', 'fileServer')],
  [24, fix('block-web-file-nfs', 'block-rule', 'hacl(webServer,fileServer,nfs)')],
]);

function fix(id: string, kind: Fix['kind'], target: string): Fix {
  return { id, kind, target, description: id, cost: 1 };
}

/** Node indices (MulVAL id − 1) worth naming in tests. */
export const mulval3Host = {
  goal: 0,
  execCodeFileServer: 7,
  execCodeWebServer: 12,
  accessFileExport: 4,
  /** AND node indices of the three uncertain rules. */
  trojan: 1,
  multiHop: 10,
  nfsShell: 22,
} as const;

/** The 26-node graph; its goal is execCode(workStation,root). */
export function mulval3HostGraph(): AttackGraph {
  const edges = mulval3HostEdges.split(' ').map((edge) => edge.split('→').map((id) => Number(id) - 1));
  const b = new AttackGraphBuilder();
  for (const [id, type, label] of nodes) {
    const node = id - 1;
    let index: number;
    if (type === 'LEAF') {
      const leafFix = fixes.get(id);
      index = b.leaf({ label, entities: [] }, leafFix ? b.fix(leafFix) : -1);
    } else if (type === 'OR') {
      index = b.or({ label, entities: [] });
    } else {
      const rule = Number(/^RULE (\d+)/.exec(label)?.[1]);
      const [weight, steps] = rules.get(rule) ?? [Number.NaN, 0];
      const conclusion = edges.find(([from]) => from === node)?.[1] as number;
      const premises = edges.filter(([, to]) => to === node).map(([from]) => from as number);
      // Every conclusion precedes its rule in MulVAL's numbering, so the builder already has it.
      index = b.and({ label, rule, entities: [] }, conclusion, premises, weight, steps);
    }
    if (index !== node) throw new Error(`MulVAL node ${id} became node ${index}`);
  }
  return b.build([mulval3Host.goal]);
}
