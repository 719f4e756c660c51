import { InputError } from '../../model/index.js';

/** PUE (The Green Grid): total facility power / IT equipment power; 1 is the ideal. */
export function powerUsageEffectiveness(totalFacilityWatts: number, itWatts: number): number {
  checkPowers(totalFacilityWatts, itWatts);
  return totalFacilityWatts / itWatts;
}

/** DCiE: IT equipment power / total facility power = 1 / PUE. */
export function dataCenterInfrastructureEfficiency(totalFacilityWatts: number, itWatts: number): number {
  checkPowers(totalFacilityWatts, itWatts);
  return itWatts / totalFacilityWatts;
}

function checkPowers(totalFacilityWatts: number, itWatts: number): void {
  const issues = [];
  if (!(itWatts > 0) || !Number.isFinite(itWatts)) issues.push({ field: 'itWatts', message: 'must be > 0' });
  if (!(totalFacilityWatts >= itWatts) || !Number.isFinite(totalFacilityWatts)) {
    issues.push({
      field: 'totalFacilityWatts',
      message: 'must be finite and ≥ itWatts (it includes the IT load)',
    });
  }
  if (issues.length > 0) throw new InputError('invalid facility power', issues);
}
