/**
 * The SPECpower tables built into CloudSim (PowerModelSpecPower*.java): watts at 0 %, 10 % …
 * 100 % load. Kept verbatim so that results can be compared with CloudSim runs.
 */
export const specPowerTables = {
  /** HP ProLiant ML110 G4 (1 × Xeon 3040, 2 cores). */
  hpProLiantMl110G4: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117],
  /** HP ProLiant ML110 G5 (1 × Xeon 3075, 2 cores). */
  hpProLiantMl110G5: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135],
  /** IBM System x3550 M3 (Xeon X5675). */
  ibmX3550XeonX5675: [58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222],
} as const satisfies Record<string, readonly number[]>;

export type SpecPowerTableName = keyof typeof specPowerTables;
