import { useId } from 'react';
import type { AttackPath } from '../../contract';
import { percent } from './attack-paths-graph';

export interface PathListProps {
  paths: readonly AttackPath[];
  /** Index of the most likely path among `paths`, if listed. */
  mostLikely: number | undefined;
  /** Index of the shortest path among `paths`, if listed. */
  shortest: number | undefined;
  selected: number;
  onSelect(index: number): void;
}

/** The distinct paths, ranked; choosing one (arrow keys work) highlights it in the graph. */
export function PathList({ paths, mostLikely, shortest, selected, onSelect }: PathListProps) {
  const name = useId();
  return (
    <fieldset className="attack-path-list">
      <legend>Ranked paths ({paths.length})</legend>
      <ol>
        {paths.map((path, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paths are ranked; the rank is their identity here
          <li key={index}>
            <label data-path-index={index}>
              <input type="radio" name={name} checked={selected === index} onChange={() => onSelect(index)} />
              <span className="path-rank">#{index + 1}</span>
              <span className="path-probability">{percent(path.probability)}</span>
              <span className="path-length">
                {path.length} {path.length === 1 ? 'step' : 'steps'}
              </span>
              {index === mostLikely && <span className="path-tag">most likely</span>}
              {index === shortest && index !== mostLikely && <span className="path-tag">shortest</span>}
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
