import type { Entity, JsonValue, Relation, TwinView } from '../../model/index.js';

/** One end of a link: the device or interface, and the relation that plugs it into a link entity. */
export interface LinkEnd {
  readonly entity: Entity;
  /** The `connects` relation between this end and the link entity; absent for a direct connection. */
  readonly attachment?: Relation;
}

/** A point-to-point link: a `link` entity with exactly two ends, or a direct `connects` relation. */
export interface NetworkLink {
  /** The link entity's id, or the relation's id for a direct connection. */
  readonly id: string;
  readonly link?: Entity;
  readonly ends: readonly [LinkEnd, LinkEnd];
}

/** A port setting and where it was read, so a finding can say what to change. */
export interface PortSetting {
  readonly value: JsonValue;
  /** `relation <id>` or `entity <id>`. */
  readonly source: string;
}

/**
 * Every point-to-point link of the view. A link entity joined to other than two entities
 * (a shared segment, or half-modelled) has no pair of ends to compare and is left out.
 */
export function networkLinks(view: TwinView): NetworkLink[] {
  const links: NetworkLink[] = [];
  for (const link of view.entitiesOfKind('link')) {
    const attachments = [...view.incoming(link.id, 'connects'), ...view.outgoing(link.id, 'connects')];
    const ends: LinkEnd[] = [];
    for (const attachment of attachments) {
      const entity = view.entity(attachment.from === link.id ? attachment.to : attachment.from);
      if (entity) ends.push({ entity, attachment });
    }
    const [a, b] = ends;
    if (ends.length === 2 && a && b && a.entity.id !== b.entity.id)
      links.push({ id: link.id, link, ends: [a, b] });
  }
  for (const relation of view.relations('connects')) {
    const from = view.entity(relation.from);
    const to = view.entity(relation.to);
    if (!from || !to || from.kind === 'link' || to.kind === 'link') continue;
    links.push({ id: relation.id, ends: [{ entity: from }, { entity: to }] });
  }
  return links;
}

/**
 * A port setting of one end: on the relation that attaches it to the link (this port on this
 * cable) first, else on the entity itself (an interface's own value, or a device-wide default).
 */
export function portSetting(end: LinkEnd, name: string): PortSetting | undefined {
  const onRelation = end.attachment?.props[name];
  if (onRelation !== undefined && end.attachment) {
    return { value: onRelation, source: `relation ${end.attachment.id}` };
  }
  const onEntity = end.entity.props[name];
  return onEntity === undefined ? undefined : { value: onEntity, source: `entity ${end.entity.id}` };
}

/** The entities a link finding names: both ends, then the link entity. */
export function linkEntities(link: NetworkLink): string[] {
  const ids = link.ends.map((end) => end.entity.id);
  return link.link ? [...ids, link.link.id] : ids;
}
