import { useEffect, useState } from 'react';
import { LoadStatus } from '../../components/load-status';
import type { Entity, LiveStateMessage, SeriesInfo } from '../../contract';
import { type Feed, useFeedListener } from '../../hooks/feed';
import { useAsync } from '../../hooks/use-async';
import { metricSpec, useKindCatalog } from '../../hooks/use-kind-catalog';
import { useSession } from '../../session/session-context';
import type { HistoryRange } from './history-range';
import { MetricChart } from './metric-chart';
import { appendLive, type Points } from './series-points';

/** Charts beyond this many would bury the page; an entity fed raw exporter series can have hundreds. */
const maxCharts = 12;

/**
 * The entity's series over the chosen range, one chart each: its model metrics when it has them
 * in the hot buffers (cpu_utilization, power_watts…), else the first of its raw series. Live
 * values are appended as they arrive.
 */
export function MetricCharts({
  entity,
  range,
  live,
}: {
  entity: Entity;
  range: HistoryRange;
  live: Feed<LiveStateMessage>;
}) {
  const { api } = useSession();
  const catalog = useKindCatalog();
  const history = useAsync(
    async (signal) => {
      const chosen = chartedSeries(await api.series(entity.id, signal), entity);
      const endMs = Date.now();
      const ranges = await Promise.all(
        chosen.map((series) =>
          api.seriesRange(
            entity.id,
            series.name,
            // One step short of the full range: a start even a moment older than the server's hot
            // window (an hour by default) is answered from 1-minute rollups instead of samples.
            {
              startMs: endMs - range.ms + range.stepMs,
              endMs,
              stepMs: range.stepMs,
              fn: series.counter ? 'rate' : 'avg',
            },
            signal,
          ),
        ),
      );
      return new Map<string, Points>(ranges.map((answer) => [answer.series, answer.points]));
    },
    [api, entity.id, range],
  );
  const [charted, setCharted] = useState<Map<string, Points>>(new Map());
  useEffect(() => {
    if (history.data !== undefined) setCharted(history.data);
  }, [history.data]);
  useFeedListener(live, (message) =>
    setCharted((current) => {
      const next = new Map(current);
      for (const [name, value] of Object.entries(message.metrics)) {
        const points = current.get(name);
        if (points !== undefined) next.set(name, appendLive(points, value, range.ms));
      }
      return next;
    }),
  );

  if (history.data === undefined) return <LoadStatus error={history.error} what="the history" />;
  if (charted.size === 0) return <p className="muted">This entity has no series in the twin yet.</p>;
  return (
    <div className="chart-grid">
      {[...charted].map(([name, points]) => (
        <MetricChart
          key={name}
          name={name}
          unit={metricSpec(catalog, entity.kind, name)?.unit}
          points={points}
          span={`the last ${range.label}`}
        />
      ))}
    </div>
  );
}

function chartedSeries(series: readonly SeriesInfo[], entity: Entity): SeriesInfo[] {
  const modelled = series.filter((info) => info.name in entity.state.metrics);
  return (modelled.length > 0 ? modelled : [...series]).slice(0, maxCharts);
}
