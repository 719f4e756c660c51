import type uPlot from 'uplot';
import type { ThemeColors } from './theme-colors';

/** A uPlot axis in the theme's colours: muted labels, grid and ticks in the chart grid's colour. */
export function themedAxis(colors: ThemeColors): uPlot.Axis {
  return {
    stroke: colors.muted,
    grid: { stroke: colors.chartGrid, width: 1 },
    ticks: { stroke: colors.chartGrid, width: 1 },
  };
}
