import type { Fault, FaultSpec, FaultType } from '../contract/index.js';

/**
 * What the API needs from the demo plant, in plain JSON shapes. The composition root adapts the
 * real plant to it, so the api layer never imports src/plant. Methods may throw the model's
 * InputError or NotFoundError; the API maps them like any other.
 */
export interface PlantControl {
  injectFault(spec: FaultSpec): Fault | Promise<Fault>;
  listFaults(): Fault[] | Promise<Fault[]>;
  /** Resolves false (or throws NotFoundError) when no active fault has this id. */
  clearFault(id: string): boolean | undefined | Promise<boolean | undefined>;
  describeFaultTypes(): FaultType[] | Promise<FaultType[]>;
}
