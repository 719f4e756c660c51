/** The history ranges a chart can show, each with a step that gives about 180 to 240 points. */
export interface HistoryRange {
  id: string;
  label: string;
  ms: number;
  stepMs: number;
}

const minute = 60_000;

export const historyRanges: readonly HistoryRange[] = [
  { id: '15m', label: '15 min', ms: 15 * minute, stepMs: 5_000 },
  { id: '1h', label: '1 h', ms: 60 * minute, stepMs: 15_000 },
  { id: '6h', label: '6 h', ms: 6 * 60 * minute, stepMs: 2 * minute },
  { id: '24h', label: '24 h', ms: 24 * 60 * minute, stepMs: 6 * minute },
];

export const defaultHistoryRange = historyRanges[1] as HistoryRange;
