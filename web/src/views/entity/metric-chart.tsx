import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMetric } from '../../format/format-metric';
import { themedAxis } from '../../theme/chart-axis';
import { type ThemeColors, useThemeColors } from '../../theme/theme-colors';
import { type Points, toColumns } from './series-points';

const chartHeight = 150;
/** Roughly, for the axis font (uPlot's default 12 px sans-serif). */
const charWidth = 7;
const axisLabelGap = 16;

export interface MetricChartProps {
  name: string;
  unit: string | undefined;
  points: Points;
  /** What the chart's span is, for its description: "the last 1 h". */
  span: string;
}

/** One series over time (uPlot on a canvas); the caption carries the latest value in words. */
export function MetricChart({ name, unit, points, span }: MetricChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const latestPoints = useRef(points);
  latestPoints.current = points;
  const colors = useThemeColors();

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const chart = new uPlot(
      chartOptions(unit, colors, element.clientWidth),
      toColumns(latestPoints.current),
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: chartHeight }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current = undefined;
      chart.destroy();
    };
  }, [unit, colors]);

  useEffect(() => {
    plot.current?.setData(toColumns(points));
  }, [points]);

  const last = points[points.length - 1];
  const latest = last === undefined ? 'no samples' : formatMetric(last[1], unit);
  return (
    <figure className="metric-chart">
      <figcaption>
        <span className="mono">{name}</span> <span className="chart-latest">{latest}</span>
      </figcaption>
      <div
        ref={container}
        className="chart-canvas"
        role="img"
        aria-label={`${name} over ${span}: ${points.length} points, latest ${latest}`}
      />
    </figure>
  );
}

function chartOptions(unit: string | undefined, colors: ThemeColors, width: number): uPlot.Options {
  const axis = themedAxis(colors);
  return {
    width: Math.max(width, 200),
    height: chartHeight,
    // The API's times are epoch milliseconds.
    ms: 1,
    legend: { show: false },
    scales: { x: { time: true } },
    series: [
      {},
      {
        label: 'value',
        stroke: colors.chartLine,
        width: 1.5,
        points: { show: false },
        value: (_plot, value) => (value == null ? '–' : formatMetric(value, unit)),
      },
    ],
    axes: [
      axis,
      {
        ...axis,
        values: (_plot, splits) => splits.map((value) => formatMetric(value, unit)),
        // As wide as its longest label, so "3.78 MiB/s" is not cut at the edge.
        size: (_plot, values) =>
          axisLabelGap + charWidth * Math.max(4, ...(values ?? []).map((text) => text.length)),
      },
    ],
  };
}
