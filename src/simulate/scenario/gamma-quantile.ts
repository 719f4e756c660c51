import { normalQuantile } from '../des/student-t.js';

/**
 * The q-quantile of the gamma distribution with the given mean and variance: how the scenario
 * engine turns the mean and variance of an end-to-end response time (a sum of a service's own
 * time and its synchronous calls) into a p99. Moment matching with a gamma is the usual
 * two-moment approximation for sums of positive, right-skewed times.
 */
export function gammaQuantile(mean: number, variance: number, q: number): number {
  if (!(mean > 0) || !Number.isFinite(mean)) return mean;
  if (!(variance > 0)) return mean;
  const shape = (mean * mean) / variance;
  const scale = variance / mean;
  const logNormalizer = logGamma(shape);
  const cdf = (x: number) => regularizedLowerGamma(shape, x, logNormalizer);
  // Wilson–Hilferty gives a start within a few per cent; Newton on the CDF, kept inside a
  // bracket by bisection, finishes in a handful of steps (this runs once per service per
  // evaluation, so it must be cheap).
  const z = normalQuantile(q);
  const c = 1 / (9 * shape);
  let x = Math.max(1e-12, shape * (1 - c + z * Math.sqrt(c)) ** 3);
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < 60; iteration++) {
    const error = cdf(x) - q;
    if (Math.abs(error) < 1e-10) break;
    if (error < 0) low = x;
    else high = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - logNormalizer);
    let next = x - error / density;
    if (!(next > low && next < high) || !Number.isFinite(next))
      next = Number.isFinite(high) ? (low + high) / 2 : 2 * x;
    if (Math.abs(next - x) < 1e-12 * x) {
      x = next;
      break;
    }
    x = next;
  }
  return x * scale;
}

/** P(a, x), by its series below a + 1 and its continued fraction above (Numerical Recipes §6.2). */
export function regularizedLowerGamma(a: number, x: number, logGammaA = logGamma(a)): number {
  if (x <= 0) return 0;
  const logPrefix = a * Math.log(x) - x - logGammaA;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 1000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

const lanczos = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) by the Lanczos approximation (g = 7), accurate to about 1e-15 relative. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = 0.99999999999980993;
  lanczos.forEach((coefficient, index) => {
    sum += coefficient / (z + index + 1);
  });
  const t = z + lanczos.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
