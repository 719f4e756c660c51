// The predict layer: anomaly detection, forecasts, failure risks and configuration lint over the
// model. It imports only src/model (see ARCHITECTURE.md), so every algorithm here can be tested and
// benchmarked on its own.

// --- anomaly detection ---
export type { AnomalyDetector, AnomalyEvidence, AnomalyReason } from './anomaly/anomaly-detector.js';
export { createAnomalyDetector } from './anomaly/anomaly-detector.js';
export type { AnomalyEvent, AnomalyEventTrackerOptions } from './anomaly/anomaly-event-tracker.js';
export { AnomalyEventTracker, DEFAULT_ANOMALY_EVENT_OPTIONS } from './anomaly/anomaly-event-tracker.js';
export type { AnomalyDetectorOptions } from './anomaly/detector-options.js';
export { DEFAULT_ANOMALY_DETECTOR_OPTIONS } from './anomaly/detector-options.js';
export { parseTimestamp } from './anomaly/parse-timestamp.js';
export type { SeriesCsv } from './anomaly/series-csv.js';
export { formatScoredCsv, parseSeriesCsv } from './anomaly/series-csv.js';
export type { NabProfileScore, NabScoreOptions } from './evaluation/nab-corpus-score.js';
export { scoreNabCorpus } from './evaluation/nab-corpus-score.js';
export type { NabCostMatrix, NabProfileName } from './evaluation/nab-profiles.js';
export { NAB_PROFILE_NAMES, NAB_PROFILES, nabProbationLength } from './evaluation/nab-profiles.js';
export type { NabLabelledSeries, NabRowLabels, NabWindow } from './evaluation/nab-row-labels.js';
export { labelRows } from './evaluation/nab-row-labels.js';
export type { NabScoredFile, NabThresholdScore } from './evaluation/nab-threshold-sweep.js';
export { bestThreshold, scoreAtThreshold, sweepThresholds } from './evaluation/nab-threshold-sweep.js';
export { parseNabWindows } from './evaluation/nab-windows-file.js';

// --- forecasts ---
export { describeTimeToThreshold } from './forecast/describe-time-to-threshold.js';
export type { SeasonalityCheck } from './forecast/detect-seasonality.js';
export { detectSeasonality } from './forecast/detect-seasonality.js';
export { formatDuration, parseDuration } from './forecast/duration.js';
export {
  intervalCoverage,
  meanAbsoluteError,
  meanAbsoluteScaledError,
  naiveScale,
} from './forecast/forecast-accuracy.js';
export { forecastAt } from './forecast/forecast-at.js';
export type { Forecast, ForecastMethod, ForecastOptions, ForecastPoint } from './forecast/forecast-series.js';
export { forecastSeries } from './forecast/forecast-series.js';
export { predictLinear, prometheusLinearRegression, samplesInRange } from './forecast/predict-linear.js';
export { inferStepMs, resampleSeries } from './forecast/regular-series.js';
export type { RegularSeries, SeriesPoint } from './forecast/series-point.js';
export { toSeriesPoints } from './forecast/series-point.js';
export type {
  CrossingDirection,
  TimeToThreshold,
  TimeToThresholdOptions,
} from './forecast/time-to-threshold.js';
export { timeToThreshold } from './forecast/time-to-threshold.js';

// --- configuration lint ---
export type { LintFinding, LintSeverity } from './lint/lint-finding.js';
export { lintSeverities } from './lint/lint-finding.js';
export type { LintOptions } from './lint/lint-registry.js';
export { lintRules, runLint } from './lint/lint-registry.js';
export type { LintRule } from './lint/lint-rule.js';
export type { LintSettings } from './lint/lint-settings.js';
export { defaultLintSettings } from './lint/lint-settings.js';
export { lintFindingSource, lintPrediction } from './lint-predictions.js';
// --- the loop over the live twin ---
export type { FindingSource, PredictionLoopOptions, PredictionLoopStats } from './prediction-loop.js';
export { PredictionLoop } from './prediction-loop.js';

// --- failure risks ---
export type { LinearTrend } from './risk/linear-trend.js';
export { crossingTime, fitLinearTrend } from './risk/linear-trend.js';
export { MetricWindow } from './risk/metric-window.js';
export type { ClaimVerdict, RiskEngineOptions } from './risk/risk-engine.js';
export { RiskEngine } from './risk/risk-engine.js';
export type { RiskContext, RiskRule } from './risk/risk-rule.js';
export type { RiskSettings } from './risk/risk-settings.js';
export { defaultRiskSettings } from './risk/risk-settings.js';
