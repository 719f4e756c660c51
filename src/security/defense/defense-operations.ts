// Defenses as change sets on a fork (docs/attack.md, "Defenses on forks"): the live twin is never
// touched; the fork is analysed again and compared with its base.
import type { EntityId, Operation, RelationId, TwinView } from '../../model/index.js';
import type { Fix } from '../graph/attack-graph.js';

export type Defense =
  /** Remove a vulnerability: everywhere, or only where `on` names (an asset or service). */
  | { readonly patch: { readonly vulnerability: EntityId; readonly on?: EntityId } }
  /** Remove one `has-vulnerability` relation. */
  | { readonly patchRelation: RelationId }
  /** Remove an `allows` rule. */
  | { readonly blockRule: RelationId }
  /** Add an `allows` rule. */
  | {
      readonly addRule: {
        readonly from: EntityId;
        readonly to: EntityId;
        readonly ports?: string;
        readonly protocol?: string;
      };
    }
  /** Cut a segment off: remove every rule into or out of it, and stop its members reaching each other. */
  | { readonly isolate: EntityId }
  /** Invalidate every copy of a credential an attacker could hold: it logs in nowhere any more. */
  | { readonly rotateCredential: EntityId }
  /** Remove a `trusts` relation between two assets. */
  | { readonly removeTrust: RelationId }
  /** Take a service or asset off the internet. */
  | { readonly unexpose: EntityId };

/** A problem with a defense: which one (its index) and why. */
export class DefenseError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`defenses[${index}]: ${message}`);
    this.name = 'DefenseError';
  }
}

/** The operations that apply `defenses` to a fork whose contents `view` shows. */
export function defenseOperations(view: TwinView, defenses: readonly Defense[]): Operation[] {
  return defenses.flatMap((defense, index) => operationsOf(view, defense, index));
}

function operationsOf(view: TwinView, defense: Defense, index: number): Operation[] {
  const need = (id: string, what: string) => {
    if (!view.entity(id)) throw new DefenseError(index, `no ${what} '${id}' in the twin`);
  };
  const needRelation = (id: string, type: string) => {
    const relation = view.relation(id);
    if (!relation || relation.type !== type) throw new DefenseError(index, `no ${type} relation '${id}'`);
  };
  if ('patch' in defense) {
    need(defense.patch.vulnerability, 'vulnerability');
    const relations = view
      .incoming(defense.patch.vulnerability, 'has-vulnerability')
      .filter((relation) => !defense.patch.on || relation.from === defense.patch.on);
    if (relations.length === 0)
      throw new DefenseError(
        index,
        `'${defense.patch.vulnerability}' is not present${defense.patch.on ? ` on '${defense.patch.on}'` : ''}`,
      );
    return relations.map((relation) => ({ op: 'remove-relation', id: relation.id }));
  }
  if ('patchRelation' in defense) {
    needRelation(defense.patchRelation, 'has-vulnerability');
    return [{ op: 'remove-relation', id: defense.patchRelation }];
  }
  if ('blockRule' in defense) {
    needRelation(defense.blockRule, 'allows');
    return [{ op: 'remove-relation', id: defense.blockRule }];
  }
  if ('addRule' in defense) {
    const { from, to, ports, protocol } = defense.addRule;
    need(from, 'entity');
    need(to, 'entity');
    return [
      {
        op: 'upsert-relation',
        relation: {
          type: 'allows',
          from,
          to,
          key: `${protocol ?? 'any'}-${ports ?? 'all'}`,
          props: { ports: ports ?? '*', protocol: protocol ?? 'any' },
        },
      },
    ];
  }
  if ('isolate' in defense) {
    const segment = view.entity(defense.isolate);
    if (segment?.kind !== 'network-segment')
      throw new DefenseError(index, `'${defense.isolate}' is not a network segment`);
    const rules = [...view.outgoing(segment.id, 'allows'), ...view.incoming(segment.id, 'allows')];
    return [
      ...rules.map((relation): Operation => ({ op: 'remove-relation', id: relation.id })),
      { op: 'patch-entity', id: segment.id, props: { isolated: true } },
    ];
  }
  if ('rotateCredential' in defense) {
    const credential = view.entity(defense.rotateCredential);
    if (credential?.kind !== 'credential')
      throw new DefenseError(index, `'${defense.rotateCredential}' is not a credential`);
    return view
      .incoming(credential.id, 'trusts')
      .map((relation) => ({ op: 'remove-relation', id: relation.id }));
  }
  if ('removeTrust' in defense) {
    needRelation(defense.removeTrust, 'trusts');
    return [{ op: 'remove-relation', id: defense.removeTrust }];
  }
  const entity = view.entity(defense.unexpose);
  if (!entity) throw new DefenseError(index, `no entity '${defense.unexpose}' in the twin`);
  const ops: Operation[] = [];
  if (entity.props.entryPoint === true)
    ops.push({ op: 'patch-entity', id: entity.id, props: { entryPoint: false } });
  if (entity.labels['attack-entry'] === 'internet')
    ops.push({ op: 'patch-entity', id: entity.id, labels: { 'attack-entry': null } });
  if (ops.length === 0) throw new DefenseError(index, `'${entity.id}' is not exposed to the internet`);
  return ops;
}

/** The defense that makes a fix of the hardening set, so a recommended set can be tried on a fork. */
export function defenseOfFix(fix: Fix): Defense {
  switch (fix.kind) {
    case 'patch':
      return { patchRelation: fix.target };
    case 'block-rule':
      return { blockRule: fix.target };
    case 'rotate-credential':
      return { rotateCredential: fix.target };
    case 'remove-trust':
      return { removeTrust: fix.target };
    case 'remove-exposure':
      return { unexpose: fix.target };
  }
}
