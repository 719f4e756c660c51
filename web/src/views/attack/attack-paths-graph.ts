import type { AttackPath, AttackStep } from '../../contract';

/** What a node of the attack graph stands for. */
export type AttackNodeRole = 'entry' | 'asset' | 'credential' | 'jewel';

export interface AttackGraphNode {
  id: string;
  label: string;
  kind: string;
  role: AttackNodeRole;
}

export interface AttackGraphEdge {
  id: string;
  source: string;
  target: string;
  /** `step`: an attacker action; `hosts`: the jewel runs on the asset the path ends on. */
  type: 'step' | 'hosts';
  label: string;
  rule?: number;
  ruleName?: string;
  technique?: string;
  probability?: number;
  gains?: string;
}

/** The listed paths to one jewel as one graph: every step of every path is exactly one edge. */
export interface AttackPathsGraph {
  nodes: AttackGraphNode[];
  edges: AttackGraphEdge[];
  /** Per path, the edge of each of its steps, in the path's order. */
  stepEdges: string[][];
  /** Per path, every element it touches (nodes and edges, the jewel's `hosts` edge too). */
  pathElements: string[][];
}

export interface JewelRef {
  id: string;
  name: string;
  kind: string;
  assets: readonly string[];
}

/** The attacker when no step names where they start from. */
export const attackerId = 'attacker';

const entityIdPattern = /[a-z][a-z0-9-]*:[^\s,()→]+/g;

/** Entity ids written in a fact: `storedOn(credential:x, container:y, user)` → both ids. */
export function idsInFact(fact: string): string[] {
  return [...fact.matchAll(entityIdPattern)].map((match) => match[0]);
}

/** What a step gains a hold on: `execCode(host:a,root)` → host:a, `hasCredential(credential:k)` → credential:k. */
export function stepTarget(step: AttackStep): string {
  const argument = /^[A-Za-z]+\(([^,)]+)/.exec(step.gains)?.[1]?.trim();
  return argument || step.entities[0] || step.gains;
}

/** The privilege a step gains, when it gains code execution. */
export function stepPrivilege(step: AttackStep): 'user' | 'root' | undefined {
  const privilege = /^execCode\([^,]+,\s*(user|root)\)/.exec(step.gains)?.[1];
  return privilege === 'user' || privilege === 'root' ? privilege : undefined;
}

/** Where the attacker starts in a step, when its evidence says so: `attackerLocated(network-segment:internet)`. */
function locatedAt(step: AttackStep): string | undefined {
  for (const item of step.evidence) {
    const located = /^attackerLocated\(([^)]+)\)/.exec(item.fact)?.[1]?.trim();
    if (located) return located;
  }
  return undefined;
}

/**
 * Where each step of a path acts from. A path lists premises before the steps that use them, so a
 * step comes from the latest earlier step whose hold its evidence names (a credential stored on a
 * container, a login with a stolen credential), else from where the attacker is located (the
 * internet), else from the hold the attacker took last (a lateral move through the segment).
 */
export function stepSources(path: AttackPath): string[] {
  const targets = path.steps.map(stepTarget);
  return path.steps.map((step, index) => {
    const target = targets[index] as string;
    const mentioned = new Set([...step.entities, ...step.evidence.flatMap((item) => idsInFact(item.fact))]);
    for (let earlier = index - 1; earlier >= 0; earlier--) {
      const candidate = targets[earlier] as string;
      if (candidate !== target && mentioned.has(candidate)) return candidate;
    }
    const located = locatedAt(step);
    if (located !== undefined) return located;
    return index > 0 ? (targets[index - 1] as string) : attackerId;
  });
}

function kindOf(id: string): string {
  const colon = id.indexOf(':');
  return colon > 0 ? id.slice(0, colon) : id;
}

export function percent(probability: number): string {
  const value = probability * 100;
  if (value === 0 || value === 100) return `${value} %`;
  if (value < 0.1) return '<0.1 %';
  if (value > 99.9) return '>99.9 %';
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
}

/** An edge's label: the ATT&CK technique (or the rule) and how likely the step is. */
export function stepLabel(step: AttackStep): string {
  return `${step.technique ?? `rule ${step.rule}`} ${step.ruleName} · ${percent(step.probability)}`;
}

/**
 * The graph of the listed paths to a jewel: the attacker's entry, each step's hold (asset or
 * credential) as a node, each step as an edge from where it acts to what it gains, and the jewel
 * itself behind the asset a path ends on. Steps shared by several paths are one edge.
 */
export function attackPathsGraph(
  jewel: JewelRef,
  paths: readonly AttackPath[],
  names: ReadonlyMap<string, string>,
): AttackPathsGraph {
  const nodes = new Map<string, AttackGraphNode>();
  const edges = new Map<string, AttackGraphEdge>();
  const jewelAssets = new Set(jewel.assets);
  const addNode = (id: string, role: AttackNodeRole) => {
    const known = nodes.get(id);
    if (known !== undefined) {
      // A hold that is also a place the attacker starts from stays an asset.
      if (known.role === 'entry' && role !== 'entry') known.role = role;
      return;
    }
    const label = id === attackerId ? 'attacker' : (names.get(id) ?? id.slice(id.indexOf(':') + 1));
    nodes.set(id, { id, label, kind: id === attackerId ? 'attacker' : kindOf(id), role });
  };
  if (paths.length > 0) addNode(jewel.id, 'jewel');

  const stepEdges: string[][] = [];
  const pathElements: string[][] = [];
  for (const path of paths) {
    const sources = stepSources(path);
    const touched = new Set<string>();
    const ids = path.steps.map((step, index) => {
      const source = sources[index] as string;
      const target = stepTarget(step);
      const sourceIsHold = path.steps.some((other) => stepTarget(other) === source);
      addNode(source, sourceIsHold ? roleOf(source) : 'entry');
      addNode(target, target === jewel.id ? 'jewel' : roleOf(target));
      const id = `step|${source}|${step.rule}|${step.gains}`;
      if (!edges.has(id)) {
        edges.set(id, {
          id,
          source,
          target,
          type: 'step',
          label: stepLabel(step),
          rule: step.rule,
          ruleName: step.ruleName,
          ...(step.technique !== undefined ? { technique: step.technique } : {}),
          probability: step.probability,
          gains: step.gains,
        });
      }
      touched.add(source).add(target).add(id);
      return id;
    });
    const last = path.steps.at(-1);
    const end = last === undefined ? undefined : stepTarget(last);
    if (end !== undefined && end !== jewel.id && jewelAssets.has(end)) {
      const id = `hosts|${end}|${jewel.id}`;
      if (!edges.has(id)) {
        edges.set(id, { id, source: end, target: jewel.id, type: 'hosts', label: `runs ${jewel.name}` });
      }
      touched.add(id).add(jewel.id);
    }
    stepEdges.push(ids);
    pathElements.push([...touched]);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], stepEdges, pathElements };
}

function roleOf(id: string): AttackNodeRole {
  return kindOf(id) === 'credential' ? 'credential' : 'asset';
}
