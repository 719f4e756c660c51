import { useId, useMemo, useState } from 'react';
import { LoadStatus } from '../../components/load-status';
import type { AttackAnalysisResult, DefenseEvaluationResult, JewelReport } from '../../contract';
import { useSession } from '../../session/session-context';
import { type DefenseGroup, defenseOptions, groupTitles } from './attack-defenses';
import { DefenseComparison } from './defense-comparison';

/**
 * Pick fixes (the hardening set is picked to start with), evaluate them on a fork of the live twin
 * and compare before and after. Operators only: the fork changes the twin's list of forks.
 */
export function DefensePanel({
  analysis,
  jewel,
  request,
}: {
  analysis: AttackAnalysisResult;
  jewel: JewelReport;
  request: { maxPaths: number };
}) {
  const { api } = useSession();
  const options = useMemo(() => defenseOptions(analysis, jewel), [analysis, jewel]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(
    () => new Set(options.filter((option) => option.group === 'hardening').map((option) => option.key)),
  );
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [result, setResult] = useState<DefenseEvaluationResult | undefined>();
  const idBase = useId();

  const groups = useMemo(() => {
    const byGroup = new Map<DefenseGroup, typeof options>();
    for (const option of options) byGroup.set(option.group, [...(byGroup.get(option.group) ?? []), option]);
    return [...byGroup.entries()];
  }, [options]);

  const toggle = (key: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const evaluate = async () => {
    const defenses = options.filter((option) => picked.has(option.key)).map((option) => option.defense);
    if (defenses.length === 0) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.evaluateDefenses({ ...request, defenses }));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setRunning(false);
    }
  };

  if (options.length === 0) return <p className="muted">No path to this jewel, so nothing to defend.</p>;
  return (
    <div className="attack-defense">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void evaluate();
        }}
      >
        {groups.map(([group, members]) => (
          <fieldset key={group} className="defense-group">
            <legend>{groupTitles[group]}</legend>
            {members.map((option, index) => (
              <div key={option.key} className="defense-option">
                <input
                  id={`${idBase}-${group}-${index}`}
                  type="checkbox"
                  checked={picked.has(option.key)}
                  onChange={(event) => toggle(option.key, event.target.checked)}
                />
                <label htmlFor={`${idBase}-${group}-${index}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
        ))}
        <div className="defense-actions">
          <button type="submit" className="primary" disabled={running || picked.size === 0}>
            {running
              ? 'Evaluating…'
              : `Evaluate ${picked.size} ${picked.size === 1 ? 'defense' : 'defenses'} on a fork`}
          </button>
          <button type="button" onClick={() => setPicked(new Set())} disabled={running || picked.size === 0}>
            Clear
          </button>
          <span className="muted">The live twin is not touched: the defenses go on a new fork.</span>
        </div>
      </form>
      {error && <LoadStatus error={error} what="the evaluation" />}
      {result && <DefenseComparison evaluation={result} jewelId={jewel.id} />}
    </div>
  );
}
