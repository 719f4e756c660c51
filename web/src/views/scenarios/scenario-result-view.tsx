import { useMemo, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { EntityLink } from '../../components/entity-link';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import type { ChainStep, ScenarioResult } from '../../contract';
import { formatCount, formatNumber } from '../../format/format-number';
import { useAsync } from '../../hooks/use-async';
import { Link } from '../../routing/link';
import { routePath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { DiffTable } from './diff-table';
import { HeadroomPanel } from './headroom-panel';
import { LatencyBars } from './latency-bars';
import { diffRows, latencyBars, utilisationBuckets } from './scenario-diff';
import { formatOffset } from './scenario-format';
import { TimelineChart } from './timeline-chart';
import { UtilisationChart } from './utilisation-chart';

/** One scenario's result, compared side by side with the live twin. */
export function ScenarioResultView({ fork }: { fork: string }) {
  const { api } = useSession();
  const result = useAsync((signal) => api.scenarioResult(fork, signal), [api, fork]);
  if (result.data === undefined) {
    if (result.error instanceof ApiError && result.error.status === 404) {
      return (
        <div className="view">
          <PageTitle title="No such scenario result" />
          <p>
            This server has no result for <code>{fork}</code>: results are kept in its memory (the latest 32),
            so a restart or newer runs drop them. The fork itself stays until deleted.{' '}
            <Link to={routePath({ view: 'scenarios' })}>See the scenarios it has</Link>.
          </p>
        </div>
      );
    }
    return (
      <div className="view">
        <LoadStatus error={result.error} what={`the result of ${fork}`} />
      </div>
    );
  }
  return <ScenarioResultPage result={result.data} />;
}

function ScenarioResultPage({ result }: { result: ScenarioResult }) {
  const rows = useMemo(() => diffRows(result), [result]);
  const bars = useMemo(() => latencyBars(result), [result]);
  const buckets = useMemo(() => utilisationBuckets(result), [result]);
  const peak = Math.max(1, ...result.timeline.map((sample) => sample.multiplier));
  return (
    <div className="view scenario-result">
      <div className="view-header">
        <PageTitle title={result.scenario.name} />
        <span className="kind-chip mono" title="the fork that holds the scenario’s changes and predictions">
          {result.fork}
        </span>
        <span className="spacer" />
        <Link to={routePath({ view: 'scenarios' })} className="button-link">
          All scenarios
        </Link>
      </div>
      <p className="muted scenario-meta">
        {result.scenario.description ? `${result.scenario.description} · ` : ''}
        from {result.base === 'live' ? 'the live twin' : result.base} ·{' '}
        {result.durationSeconds === 0
          ? 'steady state'
          : `played over ${formatOffset(result.durationSeconds).slice(2)}`}{' '}
        · ran in {formatNumber(result.elapsedMs)} ms
      </p>
      <HeadroomPanel base={result.headroom.base} scenario={result.headroom.scenario} peakMultiplier={peak} />
      <dl className="scenario-tiles">
        <Tile label="Limits broken" value={result.summary.violations} bad={result.summary.violations > 0} />
        <Tile
          label="Services down"
          value={result.summary.servicesDown}
          bad={result.summary.servicesDown > 0}
        />
        <Tile
          label="Services saturated"
          value={result.summary.servicesSaturated}
          bad={result.summary.servicesSaturated > 0}
        />
        <Tile label="Services modelled" value={result.summary.services} bad={false} />
        <Tile label="Hosts" value={result.summary.hosts} bad={false} />
        <Tile label="Cascade steps" value={result.chain.length} bad={false} />
      </dl>
      <div className="scenario-columns">
        <Panel title="p99 latency per service">
          <LatencyBars bars={bars} />
        </Panel>
        <Panel title="Host CPU utilisation">
          <UtilisationChart buckets={buckets} />
        </Panel>
      </div>
      {result.timeline.length > 1 ? (
        <Panel title="Through time">
          <TimelineChart samples={result.timeline} />
        </Panel>
      ) : null}
      <Panel title="Compared with the live twin" className="diff-panel">
        <DiffTable rows={rows} />
      </Panel>
      <div className="scenario-columns">
        <Panel title="Limits broken">
          <Violations result={result} />
        </Panel>
        <Panel title="Cascade">
          <Chain steps={result.chain} />
        </Panel>
      </div>
      {result.cost ? (
        <Panel title="Monthly cost">
          <p>
            {formatNumber(result.cost.before)} → {formatNumber(result.cost.after)} {result.cost.currency} (
            {result.cost.delta >= 0 ? '+' : '−'}
            {formatNumber(Math.abs(result.cost.delta))})
          </p>
        </Panel>
      ) : null}
      {result.notes.length > 0 ? (
        <details className="calibration-notes">
          <summary>Calibration notes ({result.notes.length})</summary>
          <ul>
            {result.notes.map((note, index) => (
              // Notes may repeat an entity; their order is the server's.
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
              <li key={index}>
                <EntityLink id={note.entity} />: {note.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Tile({ label, value, bad }: { label: string; value: number; bad: boolean }) {
  return (
    <div className={bad ? 'scenario-tile bad' : 'scenario-tile'}>
      <dt>{label}</dt>
      <dd>{formatCount(value)}</dd>
    </div>
  );
}

function Violations({ result }: { result: ScenarioResult }) {
  if (result.violations.length === 0)
    return <p className="muted">No limit breaks during the scenario (SLOs, utilisation, inlets, power).</p>;
  return (
    <table className="violations-table">
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Entity</th>
          <th scope="col">Limit</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {result.violations.map((violation) => (
          <tr key={`${violation.entity} ${violation.kind}`}>
            <td className="mono">{formatOffset(violation.atSeconds)}</td>
            <td>
              <EntityLink id={violation.entity} />
            </td>
            <td>{violation.kind}</td>
            <td className="breach-text">{violation.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const chainPage = 40;

function Chain({ steps }: { steps: ChainStep[] }) {
  const [all, setAll] = useState(false);
  if (steps.length === 0)
    return <p className="muted">Nothing cascaded: the scenario changed load, not structure.</p>;
  const shown = all ? steps : steps.slice(0, chainPage);
  return (
    <>
      <ol className="chain">
        {shown.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the chain is in time order and never reordered
          <li key={index} className={`chain-step chain-${step.event}`}>
            <span className="mono chain-time">{formatOffset(step.atSeconds)}</span>
            <EntityLink id={step.entity} />
            <span className="chain-event">{step.event}</span>
            <span className="chain-detail">{step.detail}</span>
          </li>
        ))}
      </ol>
      {steps.length > chainPage ? (
        <button type="button" onClick={() => setAll((value) => !value)}>
          {all ? `Show the first ${chainPage}` : `Show all ${steps.length} steps`}
        </button>
      ) : null}
    </>
  );
}
