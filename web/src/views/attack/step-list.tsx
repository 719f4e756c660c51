import type { AttackPath } from '../../contract';
import { percent, stepSources, stepTarget } from './attack-paths-graph';

export interface StepListProps {
  path: AttackPath;
  rank: number;
  edgeIds: readonly string[];
  names: ReadonlyMap<string, string>;
  chosen: string | undefined;
  onChoose(edgeId: string): void;
}

/** The chosen path's steps in the attacker's order, each a button that shows its evidence. */
export function StepList({ path, rank, edgeIds, names, chosen, onChoose }: StepListProps) {
  const sources = stepSources(path);
  const nameOf = (id: string) => names.get(id) ?? id;
  return (
    <ol className="attack-steps" aria-label={`Steps of path ${rank + 1}`}>
      {path.steps.map((step, index) => {
        const edgeId = edgeIds[index] as string;
        const source = sources[index] as string;
        const target = stepTarget(step);
        return (
          <li key={edgeId} data-source={source} data-target={target} data-gains={step.gains}>
            <button type="button" aria-pressed={chosen === edgeId} onClick={() => onChoose(edgeId)}>
              <span className="step-technique">{step.technique ?? `rule ${step.rule}`}</span>{' '}
              <span className="step-rule">{step.ruleName}</span>{' '}
              <span className="step-probability">{percent(step.probability)}</span>
              <span className="step-move">
                {nameOf(source)} → {nameOf(target)}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
