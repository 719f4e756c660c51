export interface NelderMeadOptions {
  /** Initial simplex edge per dimension (the scale of each parameter). */
  steps: readonly number[];
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this (absolute). */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Minimises `f` without derivatives (Nelder and Mead 1965, standard coefficients). Unconstrained:
 * callers map bounded parameters through a sigmoid. A non-finite `f` counts as +Infinity, so a
 * diverging parameter set is simply rejected.
 */
export function minimizeNelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions,
): NelderMeadResult {
  const dimensions = start.length;
  const maxEvaluations = options.maxEvaluations ?? 200 * (dimensions + 1);
  const tolerance = options.tolerance ?? 1e-10;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const simplex: Array<{ x: number[]; value: number }> = [{ x: [...start], value: evaluate([...start]) }];
  for (let d = 0; d < dimensions; d++) {
    const x = [...start];
    x[d] = (x[d] as number) + (options.steps[d] ?? 1);
    simplex.push({ x, value: evaluate(x) });
  }
  const towards = (from: number[], to: number[], t: number) =>
    from.map((value, d) => value + t * ((to[d] as number) - value));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0] as { x: number[]; value: number };
    const worst = simplex[dimensions] as { x: number[]; value: number };
    const secondWorst = simplex[dimensions - 1] ?? best;
    if (Math.abs(worst.value - best.value) <= tolerance * (1 + Math.abs(best.value))) break;
    const centroid = new Array<number>(dimensions).fill(0);
    for (let i = 0; i < dimensions; i++) {
      const x = (simplex[i] as { x: number[] }).x;
      for (let d = 0; d < dimensions; d++)
        centroid[d] = (centroid[d] as number) + (x[d] as number) / dimensions;
    }
    const reflected = towards(centroid, worst.x, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = towards(centroid, worst.x, -2);
      const expandedValue = evaluate(expanded);
      simplex[dimensions] =
        expandedValue < reflectedValue
          ? { x: expanded, value: expandedValue }
          : { x: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < secondWorst.value) {
      simplex[dimensions] = { x: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = towards(centroid, worst.x, outside ? -0.5 : 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[dimensions] = { x: contracted, value: contractedValue };
      continue;
    }
    for (let i = 1; i <= dimensions; i++) {
      const x = towards(best.x, (simplex[i] as { x: number[] }).x, 0.5);
      simplex[i] = { x, value: evaluate(x) };
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  const best = simplex[0] as { x: number[]; value: number };
  return { x: best.x, value: best.value, evaluations };
}
