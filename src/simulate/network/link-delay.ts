/** How a link's queue is modelled; see docs/simulation-models.md. */
export interface LinkQueueModel {
  /** Mean packet size in bytes; default 1500 (an Ethernet MTU-sized packet). */
  meanPacketBytes: number;
  /** Packets the egress buffer holds; bounds the delay of a saturated link. Default 1000 (Linux txqueuelen). */
  bufferPackets: number;
}

export const defaultLinkQueueModel: LinkQueueModel = { meanPacketBytes: 1500, bufferPackets: 1000 };

/**
 * Mean time a packet spends in a link's queue and on the wire, as an M/M/1 queue: S/(1 − ρ) with
 * S = 8·packet/capacity, capped at a full buffer, (buffer + 1)·S, which a saturated link (ρ → 1)
 * reaches. Propagation latency is added separately. A link with no capacity has infinite delay.
 */
export function linkDelaySeconds(
  utilisation: number,
  capacityBps: number,
  model: LinkQueueModel = defaultLinkQueueModel,
): number {
  if (!(capacityBps > 0)) return Number.POSITIVE_INFINITY;
  const service = (8 * model.meanPacketBytes) / capacityBps;
  const full = (model.bufferPackets + 1) * service;
  if (utilisation >= 1) return full;
  return Math.min(service / (1 - Math.max(0, utilisation)), full);
}
