export interface FindRootOptions {
  /** Absolute tolerance on the root; the relative tolerance is always about 2 ulp. Default 0. */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Brent's method: a root of `f` in [lower, upper], where f(lower) and f(upper) differ in sign.
 * It keeps a bracket at every step, so it cannot diverge like Newton, yet converges
 * superlinearly on smooth functions (inverse quadratic interpolation, bisection as fallback).
 * Throws RangeError when the ends do not bracket a root: that is the caller's bug, not bad input.
 */
export function findRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: FindRootOptions = {},
): number {
  const tolerance = options.tolerance ?? 0;
  const maxIterations = options.maxIterations ?? 300;
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(Math.sign(fa) * Math.sign(fb) < 0))
    throw new RangeError(`findRoot: f(${lower}) = ${fa} and f(${upper}) = ${fb} do not bracket a root`);
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      // The root lies between a and b: make c the other end of the bracket again.
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const step = interpolationStep(a, b, c, fa, fb, fc, half);
      if (2 * Math.abs(step.p) < Math.min(3 * half * step.q - Math.abs(tol * step.q), Math.abs(e * step.q))) {
        e = d;
        d = step.p / step.q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : Math.sign(half) * tol;
    fb = f(b);
  }
  return b;
}

/** Secant (two points) or inverse quadratic (three points) step as p/q, with q's sign set so p ≥ 0. */
function interpolationStep(
  a: number,
  b: number,
  c: number,
  fa: number,
  fb: number,
  fc: number,
  half: number,
) {
  const s = fb / fa;
  let p: number;
  let q: number;
  if (a === c) {
    p = 2 * half * s;
    q = 1 - s;
  } else {
    const qa = fa / fc;
    const r = fb / fc;
    p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
    q = (qa - 1) * (r - 1) * (s - 1);
  }
  if (p > 0) q = -q;
  return { p: Math.abs(p), q };
}
