import type { EstateSnapshot } from './estate-evaluator.js';

/** The worst value of every figure so far: what a scenario reports as its outcome. */
export function mergeWorst(worst: EstateSnapshot | undefined, next: EstateSnapshot): EstateSnapshot {
  if (!worst) return copySnapshot(next);
  const maxInto = (into: Float64Array, from: Float64Array) => {
    for (let index = 0; index < into.length; index++)
      into[index] = Math.max(into[index] as number, from[index] as number);
  };
  maxInto(worst.serviceRate, next.serviceRate);
  maxInto(worst.serviceUtilization, next.serviceUtilization);
  maxInto(worst.serviceMeanSeconds, next.serviceMeanSeconds);
  maxInto(worst.serviceP95Seconds, next.serviceP95Seconds);
  maxInto(worst.serviceP99Seconds, next.serviceP99Seconds);
  maxInto(worst.hostUtilization, next.hostUtilization);
  maxInto(worst.hostWatts, next.hostWatts);
  maxInto(worst.hostMemoryUtilization, next.hostMemoryUtilization);
  maxInto(worst.hostDiskUtilization, next.hostDiskUtilization);
  maxInto(worst.hostReceiveBytes, next.hostReceiveBytes);
  maxInto(worst.hostTransmitBytes, next.hostTransmitBytes);
  maxInto(worst.hostNetworkUtilization, next.hostNetworkUtilization);
  maxInto(worst.rackWatts, next.rackWatts);
  maxInto(worst.rackInletCelsius, next.rackInletCelsius);
  maxInto(worst.rackInletTargetCelsius, next.rackInletTargetCelsius);
  maxInto(worst.roomHeatWatts, next.roomHeatWatts);
  next.serviceStatus.forEach((status, s) => {
    if (status !== 'ok' && worst.serviceStatus[s] === 'ok') worst.serviceStatus[s] = status;
  });
  for (const [id, utilization] of next.linkUtilization) {
    worst.linkUtilization.set(id, Math.max(worst.linkUtilization.get(id) ?? 0, utilization));
  }
  for (const [id, load] of next.power) {
    const before = worst.power.get(id);
    if (!before || load.watts > before.watts) worst.power.set(id, load);
  }
  return worst;
}

function copySnapshot(snapshot: EstateSnapshot): EstateSnapshot {
  return {
    serviceRate: snapshot.serviceRate.slice(),
    serviceUtilization: snapshot.serviceUtilization.slice(),
    serviceMeanSeconds: snapshot.serviceMeanSeconds.slice(),
    serviceP95Seconds: snapshot.serviceP95Seconds.slice(),
    serviceP99Seconds: snapshot.serviceP99Seconds.slice(),
    serviceReplicas: snapshot.serviceReplicas.slice(),
    serviceStatus: [...snapshot.serviceStatus],
    hostUtilization: snapshot.hostUtilization.slice(),
    hostWatts: snapshot.hostWatts.slice(),
    hostMemoryUtilization: snapshot.hostMemoryUtilization.slice(),
    hostDiskUtilization: snapshot.hostDiskUtilization.slice(),
    hostReceiveBytes: snapshot.hostReceiveBytes.slice(),
    hostTransmitBytes: snapshot.hostTransmitBytes.slice(),
    hostNetworkUtilization: snapshot.hostNetworkUtilization.slice(),
    rackWatts: snapshot.rackWatts.slice(),
    rackInletTargetCelsius: snapshot.rackInletTargetCelsius.slice(),
    rackInletCelsius: snapshot.rackInletCelsius.slice(),
    roomHeatWatts: snapshot.roomHeatWatts.slice(),
    roomCoolingWatts: snapshot.roomCoolingWatts.slice(),
    power: new Map(snapshot.power),
    linkUtilization: new Map(snapshot.linkUtilization),
    violations: [...snapshot.violations],
  };
}
