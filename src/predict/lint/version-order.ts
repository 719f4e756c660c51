/**
 * Orders version strings by their parts, numbers as numbers: `1.10.0` after `1.9.2`,
 * `Ubuntu 24.04 LTS` after `Ubuntu 22.04 LTS`, `nginx:1.27` after `nginx:1.9`.
 */
export function compareVersions(a: string, b: string): number {
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  for (let index = 0; index < Math.max(partsA.length, partsB.length); index++) {
    const x = partsA[index];
    const y = partsB[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/**
 * Whether the values are versions of one thing: equal once every number is blanked out
 * (`Ubuntu 22.04 LTS` and `Ubuntu 24.04 LTS`, not `RHEL 9.4` and `Debian 12`). Only then does
 * "newest" mean something.
 */
export function sameVersionLine(values: readonly string[]): boolean {
  const skeletons = new Set(values.map((value) => value.replace(/\d+/g, '#')));
  return skeletons.size === 1;
}
