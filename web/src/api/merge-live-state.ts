import type { Entity, LiveStateMessage } from '../contract';

/**
 * The entity after a live `state` message: the metrics it carries replace those of the same name
 * (the message holds only the ones that changed), health and its reasons are the message's.
 */
export function mergeLiveState(entity: Entity, message: LiveStateMessage): Entity {
  if (message.entityId !== entity.id) return entity;
  return {
    ...entity,
    state: {
      metrics: { ...entity.state.metrics, ...message.metrics },
      health: message.health,
      reasons: message.reasons,
    },
  };
}
