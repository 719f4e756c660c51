import { useCallback, useEffect, useRef } from 'react';
import { mergeLiveState } from '../../api/merge-live-state';
import type { Entity, LiveStateMessage } from '../../contract';

/**
 * Two state messages of one entity as one: the later one's metrics over the earlier one's, its
 * health and reasons. What is waiting for the next frame stays one message per entity, however
 * long the frame is in coming (a hidden tab draws none).
 */
export function foldStateMessages(earlier: LiveStateMessage, later: LiveStateMessage): LiveStateMessage {
  return { ...later, metrics: { ...earlier.metrics, ...later.metrics } };
}

/** The entities after a batch of state messages; those not named keep their object. */
export function applyStateMessages(
  entities: ReadonlyMap<string, Entity>,
  batch: Iterable<LiveStateMessage>,
): ReadonlyMap<string, Entity> {
  let next: Map<string, Entity> | undefined;
  for (const message of batch) {
    const entity = (next ?? entities).get(message.entityId);
    if (entity === undefined) continue;
    next ??= new Map(entities);
    next.set(message.entityId, mergeLiveState(entity, message));
  }
  return next ?? entities;
}

/**
 * Collects live state messages and hands them to `apply` once per animation frame, folded per
 * entity: a room of racks reporting every half second repaints once a frame, not once a message.
 */
export function useStateBatches(
  apply: (batch: LiveStateMessage[]) => void,
): (message: LiveStateMessage) => void {
  const latest = useRef(apply);
  latest.current = apply;
  const pending = useRef(new Map<string, LiveStateMessage>());
  const frame = useRef<number | undefined>(undefined);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );
  return useCallback((message: LiveStateMessage) => {
    const waiting = pending.current;
    const earlier = waiting.get(message.entityId);
    waiting.set(message.entityId, earlier ? foldStateMessages(earlier, message) : message);
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      const batch = [...waiting.values()];
      waiting.clear();
      latest.current(batch);
    });
  }, []);
}
