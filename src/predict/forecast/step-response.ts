/**
 * Responses to a change that began at a known step t0, anchored at the level the series had there:
 *
 * - `ramp`: y = A + s·x, an integrating response (a disk filling, a leak);
 * - `first-order`: y = A + b·(1 − e^(−x/τ)), an exponential approach to a new level A + b
 *   (temperatures after a fan or cooling failure, a queue settling, a level shift when τ is small).
 *
 * x is the number of steps since t0. As τ grows the first-order response becomes a ramp of slope
 * b/τ, so the two are nested and the extra parameter must pay for itself.
 */
export type ResponseKind = 'ramp' | 'first-order';

export interface StepResponse {
  kind: ResponseKind;
  /** The level the response starts from at x = 0 (the anchor, or fitted when `jump`). */
  level: number;
  /** True when the level was fitted to the points after the change (a jump at the change). */
  jump: boolean;
  /** ramp: change per step. first-order: the initial slope b/τ. */
  slope: number;
  /** first-order: the total change b it settles to (ramp: NaN). */
  amplitude: number;
  /** first-order: time constant in steps (ramp: +Infinity). */
  tau: number;
  /** Sum of squared residuals over the fitted points. */
  sse: number;
  points: number;
  /** Free parameters: the slope or amplitude and τ, plus the level when it jumped. */
  parameters: number;
}

/** A fitting choice: the shape, and whether the level may jump at the change. */
export interface ResponseShape {
  kind: ResponseKind;
  jump: boolean;
}

/** The response x steps after the change. */
export function responseAt(response: StepResponse, x: number): number {
  if (response.kind === 'ramp') return response.level + response.slope * x;
  return response.level + response.amplitude * -Math.expm1(-x / response.tau);
}

/**
 * Least squares of y = A + s·x: through the anchor (A = `level`) or, with `jump`, with A fitted.
 * `xs` are steps since the change (> 0).
 */
export function fitRamp(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
  jump = false,
): StepResponse {
  const n = xs.length;
  const { a, b } =
    jump && n >= 2 ? regress(xs, ys, (x) => x) : { a: level, b: through(xs, ys, level, (x) => x) };
  let sse = 0;
  for (let i = 0; i < n; i++) sse += ((ys[i] as number) - a - b * (xs[i] as number)) ** 2;
  return {
    kind: 'ramp',
    level: a,
    jump: jump && n >= 2,
    slope: b,
    amplitude: Number.NaN,
    tau: Number.POSITIVE_INFINITY,
    sse,
    points: n,
    parameters: jump && n >= 2 ? 2 : 1,
  };
}

const gridSize = 48;
const refinements = 30;
const golden = (Math.sqrt(5) - 1) / 2;

/**
 * Least-squares first-order response, through the anchor or (with `jump`) with its level fitted.
 * For a given τ the rest is linear (g = 1 − e^(−x/τ): b = Σg(y − A)/Σg², or a regression of y on
 * 1 and g), so only τ is searched: a log-spaced grid from a fifth of a step to `maxTau` steps,
 * refined by golden section around the best grid point.
 */
export function fitFirstOrder(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
  maxTau: number,
  jump = false,
): StepResponse {
  const n = xs.length;
  const free = jump && n >= 3;
  const profile = (logTau: number) => {
    const tau = Math.exp(logTau);
    const g = (x: number) => -Math.expm1(-x / tau);
    const { a, b } = free ? regress(xs, ys, g) : { a: level, b: through(xs, ys, level, g) };
    let sse = 0;
    for (let i = 0; i < n; i++) sse += ((ys[i] as number) - a - b * g(xs[i] as number)) ** 2;
    return { tau, level: a, amplitude: b, sse };
  };
  const low = Math.log(0.2);
  const high = Math.log(Math.max(1, maxTau));
  let bestK = 0;
  let best = profile(low);
  for (let k = 1; k < gridSize; k++) {
    const candidate = profile(low + ((high - low) * k) / (gridSize - 1));
    if (candidate.sse < best.sse) {
      best = candidate;
      bestK = k;
    }
  }
  const spacing = (high - low) / (gridSize - 1);
  let a = low + Math.max(0, bestK - 1) * spacing;
  let b = low + Math.min(gridSize - 1, bestK + 1) * spacing;
  for (let r = 0; r < refinements; r++) {
    const c = b - golden * (b - a);
    const d = a + golden * (b - a);
    if (profile(c).sse < profile(d).sse) b = d;
    else a = c;
  }
  const refined = profile((a + b) / 2);
  if (refined.sse < best.sse) best = refined;
  return {
    kind: 'first-order',
    level: best.level,
    jump: free,
    slope: best.amplitude / best.tau,
    amplitude: best.amplitude,
    tau: best.tau,
    sse: best.sse,
    points: n,
    parameters: free ? 3 : 2,
  };
}

/** Fits the given shape; `maxTau` bounds the first-order time constant (in steps). */
export function fitResponse(
  shape: ResponseShape,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
  maxTau: number,
): StepResponse {
  return shape.kind === 'ramp'
    ? fitRamp(xs, ys, level, shape.jump)
    : fitFirstOrder(xs, ys, level, maxTau, shape.jump);
}

/** The shapes, simplest first. */
export const responseShapes: readonly ResponseShape[] = [
  { kind: 'ramp', jump: false },
  { kind: 'first-order', jump: false },
  { kind: 'ramp', jump: true },
  { kind: 'first-order', jump: true },
];

/** A short name of a shape: `ramp`, `first-order`, `jump+ramp`, `jump+first-order`. */
export function shapeName(shape: ResponseShape): string {
  return shape.jump ? `jump+${shape.kind}` : shape.kind;
}

/**
 * The shape with the lowest AIC with the noise scale `sigma` known (estimated from the quiet
 * history, which is far longer than the few points after a change): SSE/σ² + 2·parameters. A
 * curved response or a jump must explain the points better by more than its extra parameters
 * cost; a shape needs as many points as parameters (a jump, one more) to compete.
 */
export function selectResponse(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
  sigma: number,
  maxTau: number,
): StepResponse {
  const variance = Math.max(sigma * sigma, 1e-300);
  let best: StepResponse | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const shape of responseShapes) {
    const fit = fitResponse(shape, xs, ys, level, maxTau);
    // A jump must leave a point to spare: through two points a jump and a ramp are just the points.
    if (fit.jump !== shape.jump || fit.parameters > xs.length - (shape.jump ? 1 : 0)) continue;
    const score = fit.sse / variance + 2 * fit.parameters;
    if (score < bestScore) {
      best = fit;
      bestScore = score;
    }
  }
  return best ?? fitRamp(xs, ys, level);
}

/** b of y − A = b·f(x) by least squares. */
function through(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
  f: (x: number) => number,
): number {
  let sfy = 0;
  let sff = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = f(xs[i] as number);
    sfy += v * ((ys[i] as number) - level);
    sff += v * v;
  }
  return sff > 0 ? sfy / sff : 0;
}

/** a and b of y = a + b·f(x) by least squares (b = 0 when f does not vary). */
function regress(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  f: (x: number) => number,
): { a: number; b: number } {
  const n = xs.length;
  let mf = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mf += f(xs[i] as number);
    my += ys[i] as number;
  }
  mf /= n;
  my /= n;
  let sff = 0;
  let sfy = 0;
  for (let i = 0; i < n; i++) {
    const df = f(xs[i] as number) - mf;
    sff += df * df;
    sfy += df * ((ys[i] as number) - my);
  }
  const b = sff > 1e-12 * Math.max(1, mf * mf) * n ? sfy / sff : 0;
  return { a: my - b * mf, b };
}
