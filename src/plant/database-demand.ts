/**
 * CPU time one query takes on one core of a database replica. The catalog gives databases no
 * demand prop, so the generator (sizing replicas) and the emulator (loading them) share this.
 */
export const databaseDemandSeconds = 0.002;
