import type { DefenseEvaluationResult } from '../../contract';
import { type ComparisonRow, comparisonRows, describeDefense, verdictText } from './attack-defenses';
import { percent } from './attack-paths-graph';

/** Before and after the defenses, side by side: each jewel's reachability, odds, paths and shortest length. */
export function DefenseComparison({
  evaluation,
  jewelId,
}: {
  evaluation: DefenseEvaluationResult;
  jewelId: string;
}) {
  const rows = comparisonRows(evaluation, jewelId);
  const { comparison } = evaluation;
  return (
    <section className="defense-result" aria-label="Before and after">
      <p role="status">
        Evaluated on fork <code>{evaluation.fork}</code> (from {evaluation.base}):{' '}
        {evaluation.defenses.map(describeDefense).join('; ')}.
      </p>
      {rows.map((row) => (
        <JewelComparisonTable key={row.id} row={row} />
      ))}
      <table className="defense-table">
        <caption>Whole estate</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Compromisable assets</th>
            <td className="number">{comparison.compromisableBefore}</td>
            <td className="number">{comparison.compromisableAfter}</td>
          </tr>
          <tr>
            <th scope="row">Mean crown-jewel risk</th>
            <td className="number">{orDash(comparison.meanJewelRiskBefore, percent)}</td>
            <td className="number">{orDash(comparison.meanJewelRiskAfter, percent)}</td>
          </tr>
          <tr>
            <th scope="row">Assets secured / newly exposed</th>
            <td />
            <td className="number">
              {comparison.secured.length} / {comparison.exposed.length}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function JewelComparisonTable({ row }: { row: ComparisonRow }) {
  const odds = (index: 0 | 1) => {
    const value = row.odds[index];
    const probability = row.probability[index];
    if (value === undefined) return orDash(probability, percent);
    return `${percent(value.probability)} (${percent(value.low)}–${percent(value.high)})`;
  };
  return (
    <table className="defense-table" data-jewel={row.id}>
      <caption>
        {row.name}: <strong className={`verdict verdict-${row.verdict}`}>{verdictText[row.verdict]}</strong>
      </caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        <tr data-figure="reachable">
          <th scope="row">Reachable</th>
          <td>{row.reachable[0] ? 'yes' : 'no'}</td>
          <td>{row.reachable[1] ? 'yes' : 'no'}</td>
        </tr>
        <tr data-figure="odds">
          <th scope="row">Reach odds</th>
          <td className="number">{odds(0)}</td>
          <td className="number">{odds(1)}</td>
        </tr>
        <tr data-figure="paths">
          <th scope="row">Listed paths</th>
          <td className="number">{row.paths[0]}</td>
          <td className="number">{row.paths[1]}</td>
        </tr>
        <tr data-figure="shortest">
          <th scope="row">Shortest path (steps)</th>
          <td className="number">{row.shortest[0] ?? '—'}</td>
          <td className="number">{row.shortest[1] ?? '—'}</td>
        </tr>
        <tr data-figure="cut-opened">
          <th scope="row">Paths cut / opened</th>
          <td />
          <td className="number">
            {row.pathsCut.length} / {row.pathsOpened.length}
          </td>
        </tr>
      </tbody>
      {(row.pathsCut.length > 0 || row.pathsOpened.length > 0) && (
        <tfoot>
          <tr>
            <td colSpan={3}>
              <details>
                <summary>Which paths</summary>
                <ul className="defense-path-lines">
                  {row.pathsCut.map((line) => (
                    <li key={`cut:${line}`}>cut: {line}</li>
                  ))}
                  {row.pathsOpened.map((line) => (
                    <li key={`opened:${line}`}>opened: {line}</li>
                  ))}
                </ul>
              </details>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function orDash(value: number | null, format: (value: number) => string): string {
  return value === null ? '—' : format(value);
}
