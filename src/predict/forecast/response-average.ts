/**
 * A first-order response averaged over its time constant (Bayesian model averaging on a grid of τ),
 * instead of one τ picked by least squares or a hard choice between a ramp and a saturation.
 *
 * Parametrised by the initial slope s: y = A + s·g(x), g(x) = τ·(1 − e^(−x/τ)), so that τ → ∞ is
 * the ramp y = A + s·x and every τ has the same linear parameters (A, when the level jumped, and s).
 * For each τ the linear parameters are least squares and their covariance σ²(GᵀG)⁻¹; the weight of
 * τ is its prior times the profile likelihood exp(−SSE/2σ²).
 *
 * The prior on τ is scale-free and anchored at the age T of the regime (steps since the change):
 * P(τ > k·T) = 1/(1 + k), the density T/(T + τ)². This is Gott's "Copernican" argument applied to
 * the response: having watched a change for T steps, we are as likely to be in the first as in the
 * second half of its approach, so a time constant of about T is the median guess, and the mass
 * beyond the largest τ of the grid (an unbounded ramp over the horizon) is small. It encodes that
 * physical systems settle (heat balances, queues, caches), while the likelihood overrides it when
 * the data are straight enough for long enough (a disk that has filled linearly for hours): a
 * curvature the data would have shown rules the small τ out.
 */

/** One τ of the average. */
interface Member {
  tau: number;
  weight: number;
  /** Level (the anchor, or fitted with a jump) and initial slope. */
  level: number;
  slope: number;
  /** (GᵀG)⁻¹ entries: level–level, level–slope, slope–slope (level ones 0 without a jump). */
  cLL: number;
  cLS: number;
  cSS: number;
  sse: number;
}

export interface AveragedResponse {
  jump: boolean;
  /** The prior's scale c (P(τ > k·c·T) = 1/(1 + k)); ∞: the ramp alone. */
  priorScale: number;
  /** The noise scale the likelihood and the predictive use. */
  sigma: number;
  /** Variance of the anchor (added to every lead when the level is not fitted). */
  anchorVariance: number;
  members: Member[];
  /** The smallest SSE over τ, its τ, and the number of points fitted. */
  sse: number;
  bestTau: number;
  points: number;
  /** Free parameters: slope and τ, plus the level with a jump. */
  parameters: number;
}

const gridSize = 40;
/** Members whose weight is below this share of the largest are dropped. */
const negligible = 1e-8;

/** g(x) = τ·(1 − e^(−x/τ)); the ramp x when τ is infinite. */
function basis(x: number, tau: number): number {
  return Number.isFinite(tau) ? -tau * Math.expm1(-x / tau) : x;
}

/**
 * The average over τ ∈ {log grid from half a step to `maxTau`} ∪ {∞} with the prior above (T =
 * `age`); the ramp (τ = ∞) takes the prior mass beyond `maxTau`. `sigma` is the noise scale known
 * from the quiet history; when the best fit leaves larger residuals, those set it (a misfit must
 * not make the likelihood sharper than the data justify).
 */
export function fitAveragedResponse(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  anchor: number,
  sigma: number,
  age: number,
  jump: boolean,
  maxTau: number,
  anchorVariance = 0,
  priorScale = 1,
): AveragedResponse {
  const n = xs.length;
  const free = jump && n >= 2;
  const low = Math.log(0.5);
  const high = Math.log(Math.max(1, maxTau));
  // The prior's scale: c·T (c = 1 is the Copernican prior; c = ∞ leaves only the ramp).
  const T = Math.max(1, age) * priorScale;
  const taus: number[] = [];
  const priors: number[] = [];
  const spacing = (high - low) / (gridSize - 1);
  for (let k = 0; k < gridSize; k++) {
    const tau = Math.exp(low + spacing * k);
    taus.push(tau);
    // Mass of the cell around τ on the log grid: density T/(T+τ)² times τ·Δlog τ.
    priors.push(Number.isFinite(T) ? ((T * tau) / (T + tau) ** 2) * spacing : 0);
  }
  taus.push(Number.POSITIVE_INFINITY);
  priors.push(Number.isFinite(T) ? T / (T + Math.exp(high)) : 1);

  const fits = taus.map((tau) => fitLinear(xs, ys, anchor, tau, free));
  // A sharp likelihood falls between grid points: add the least-squares τ, refined by golden
  // section between the best grid point's neighbours, with the prior mass of a grid cell.
  let bestK = 0;
  for (let k = 1; k < gridSize; k++) if ((fits[k] as Member).sse < (fits[bestK] as Member).sse) bestK = k;
  let a = low + Math.max(0, bestK - 1) * spacing;
  let b = low + Math.min(gridSize - 1, bestK + 1) * spacing;
  const golden = (Math.sqrt(5) - 1) / 2;
  const sseAt = (logTau: number) => fitLinear(xs, ys, anchor, Math.exp(logTau), free).sse;
  for (let r = 0; r < 25; r++) {
    const c = b - golden * (b - a);
    const d = a + golden * (b - a);
    if (sseAt(c) < sseAt(d)) b = d;
    else a = c;
  }
  const refined = Math.exp((a + b) / 2);
  fits.push(fitLinear(xs, ys, anchor, refined, free));
  priors.push(Number.isFinite(T) ? ((T * refined) / (T + refined) ** 2) * spacing : 0);
  let sse = Number.POSITIVE_INFINITY;
  let bestTau = Number.POSITIVE_INFINITY;
  for (const fit of fits) {
    if (fit.sse < sse) {
      sse = fit.sse;
      bestTau = fit.tau;
    }
  }
  const parameters = free ? 3 : 2;
  const residualSigma = n > parameters + 1 ? Math.sqrt(sse / (n - parameters)) : 0;
  const scale = Math.max(sigma, residualSigma, 1e-12);
  const logWeights = fits.map((fit, k) =>
    priors[k] === 0
      ? Number.NEGATIVE_INFINITY
      : Math.log(priors[k] as number) - (fit.sse - sse) / (2 * scale * scale),
  );
  const top = Math.max(...logWeights);
  let total = 0;
  const members: Member[] = [];
  fits.forEach((fit, k) => {
    const weight = Math.exp((logWeights[k] as number) - top);
    if (weight < negligible) return;
    total += weight;
    members.push({ ...fit, weight });
  });
  for (const member of members) member.weight /= total;
  return {
    jump: free,
    priorScale,
    sigma: scale,
    anchorVariance: free ? 0 : anchorVariance,
    members,
    sse,
    bestTau,
    points: n,
    parameters,
  };
}

/** Least squares of y = A + s·g(x) for one τ (A = anchor unless `free`), with (GᵀG)⁻¹. */
function fitLinear(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  anchor: number,
  tau: number,
  free: boolean,
): Omit<Member, 'weight'> {
  const n = xs.length;
  let level = anchor;
  let slope = 0;
  let cLL = 0;
  let cLS = 0;
  let cSS = 0;
  if (free) {
    let sg = 0;
    let sgg = 0;
    let sy = 0;
    let sgy = 0;
    for (let i = 0; i < n; i++) {
      const g = basis(xs[i] as number, tau);
      const y = ys[i] as number;
      sg += g;
      sgg += g * g;
      sy += y;
      sgy += g * y;
    }
    // A tiny ridge keeps a nearly constant g (a very short τ: a pure jump) solvable.
    const det = n * sgg - sg * sg + 1e-12 * (n * sgg + 1e-300);
    slope = (n * sgy - sg * sy) / det;
    level = (sy - slope * sg) / n;
    cLL = sgg / det;
    cLS = -sg / det;
    cSS = n / det;
  } else {
    let sgg = 0;
    let sgy = 0;
    for (let i = 0; i < n; i++) {
      const g = basis(xs[i] as number, tau);
      sgg += g * g;
      sgy += g * ((ys[i] as number) - anchor);
    }
    slope = sgg > 0 ? sgy / sgg : 0;
    cSS = sgg > 0 ? 1 / sgg : 0;
  }
  let sse = 0;
  for (let i = 0; i < n; i++) {
    sse += ((ys[i] as number) - level - slope * basis(xs[i] as number, tau)) ** 2;
  }
  return { tau, level, slope, cLL, cLS, cSS, sse };
}

/** Mean and standard deviation of one member's predictive distribution at x (noise included). */
function memberPredictive(
  response: AveragedResponse,
  member: Member,
  x: number,
): { mean: number; sd: number } {
  const g = basis(x, member.tau);
  const mean = member.level + member.slope * g;
  const quadratic = member.cLL + 2 * member.cLS * g + member.cSS * g * g;
  const variance = response.sigma ** 2 * (1 + Math.max(0, quadratic)) + response.anchorVariance;
  return { mean, sd: Math.sqrt(variance) };
}

/** The averaged forecast x steps after the change (the mixture's mean). */
export function averagedMean(response: AveragedResponse, x: number): number {
  let mean = 0;
  for (const member of response.members) {
    mean += member.weight * (member.level + member.slope * basis(x, member.tau));
  }
  return mean;
}

/** P(Y ≤ y) at x under the mixture of the members' normal predictives. */
export function averagedCdf(response: AveragedResponse, x: number, y: number): number {
  let p = 0;
  for (const member of response.members) {
    const { mean, sd } = memberPredictive(response, member, x);
    p += member.weight * normalCdf((y - mean) / sd);
  }
  return p;
}

/** The p-quantile of the mixture at x (bisection on the CDF). */
export function averagedQuantile(response: AveragedResponse, x: number, p: number): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const member of response.members) {
    const { mean, sd } = memberPredictive(response, member, x);
    lo = Math.min(lo, mean - 9 * sd);
    hi = Math.max(hi, mean + 9 * sd);
  }
  for (let k = 0; k < 60 && hi - lo > 1e-12 * (Math.abs(lo) + Math.abs(hi) + 1e-300); k++) {
    const mid = (lo + hi) / 2;
    if (averagedCdf(response, x, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The weighted median of τ (∞ when more than half the weight is on the ramp). */
export function medianTau(response: AveragedResponse): number {
  const sorted = [...response.members].sort((a, b) => a.tau - b.tau);
  let cumulative = 0;
  for (const member of sorted) {
    cumulative += member.weight;
    if (cumulative >= 0.5) return member.tau;
  }
  return Number.POSITIVE_INFINITY;
}

/** The weight-averaged level the response starts from and its initial slope at x = 0. */
export function averagedStart(response: AveragedResponse): { level: number; slope: number } {
  let level = 0;
  let slope = 0;
  for (const member of response.members) {
    level += member.weight * member.level;
    slope += member.weight * member.slope;
  }
  return { level, slope };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
