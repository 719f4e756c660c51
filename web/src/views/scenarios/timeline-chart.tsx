import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimelineSample } from '../../contract';
import { formatNumber } from '../../format/format-number';
import { themedAxis } from '../../theme/chart-axis';
import { type ThemeColors, useThemeColors } from '../../theme/theme-colors';
import { formatOffset } from './scenario-format';

const chartHeight = 180;
/** Round steps for the time axis, in seconds: 1 s … 1 day. */
const offsetSteps = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/**
 * The scenario through time (uPlot): the busiest host's utilisation and the hottest rack inlet,
 * on two axes, from the result's timeline samples.
 */
export function TimelineChart({ samples }: { samples: TimelineSample[] }) {
  const container = useRef<HTMLDivElement>(null);
  const colors = useThemeColors();

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const data: uPlot.AlignedData = [
      samples.map((sample) => sample.atSeconds),
      samples.map((sample) => sample.maxHostUtilization * 100),
      samples.map((sample) => sample.maxInletCelsius),
    ];
    const chart = new uPlot(options(colors, element.clientWidth), data, element);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: chartHeight }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [samples, colors]);

  const last = samples[samples.length - 1];
  const peakUtilisation = Math.max(...samples.map((sample) => sample.maxHostUtilization));
  const peakInlet = Math.max(...samples.map((sample) => sample.maxInletCelsius));
  return (
    <figure className="metric-chart timeline-chart">
      <figcaption>
        <span>
          <span className="key key-scenario" /> busiest host CPU (%) <span className="key key-inlet" />{' '}
          hottest inlet (°C)
        </span>
        <span className="chart-latest">
          peaks {formatNumber(peakUtilisation * 100)} % · {formatNumber(peakInlet)} °C
        </span>
      </figcaption>
      <div
        ref={container}
        className="chart-canvas"
        role="img"
        aria-label={`Over ${last ? formatOffset(last.atSeconds) : 't+0s'}: the busiest host peaks at ${formatNumber(peakUtilisation * 100)} % CPU, the hottest inlet at ${formatNumber(peakInlet)} °C`}
      />
    </figure>
  );
}

function options(colors: ThemeColors, width: number): uPlot.Options {
  const axis = themedAxis(colors);
  return {
    width: Math.max(width, 200),
    height: chartHeight,
    legend: { show: false },
    scales: {
      x: { time: false },
      percent: { range: [0, 100] },
      // At least 4 °C tall, so a flat inlet reads as flat rather than as noise.
      celsius: { range: (_plot, min, max) => [Math.floor(Math.min(min, max - 4)), Math.ceil(max + 0.5)] },
    },
    series: [
      {},
      {
        label: 'busiest host CPU',
        scale: 'percent',
        stroke: colors.chartLine,
        width: 1.5,
        points: { show: false },
      },
      {
        label: 'hottest inlet',
        scale: 'celsius',
        stroke: colors.health.warning,
        width: 1.5,
        points: { show: false },
      },
    ],
    axes: [
      {
        ...axis,
        space: 70,
        incrs: offsetSteps,
        values: (_plot, splits) => splits.map((seconds) => formatOffset(seconds)),
      },
      {
        ...axis,
        scale: 'percent',
        values: (_plot, splits) => splits.map((value) => `${formatNumber(value)} %`),
        size: 56,
      },
      {
        ...axis,
        scale: 'celsius',
        side: 1,
        grid: { show: false },
        values: (_plot, splits) => splits.map((value) => `${formatNumber(value)} °C`),
        size: 60,
      },
    ],
  };
}
