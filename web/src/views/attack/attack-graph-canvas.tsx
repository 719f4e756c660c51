import { useEffect, useMemo, useRef } from 'react';
import { readThemeColors, useThemeColors } from '../../theme/theme-colors';
import { AttackGraph, attackGraphElements } from './attack-graph';
import type { AttackPathsGraph } from './attack-paths-graph';

export interface AttackGraphCanvasProps {
  graph: AttackPathsGraph;
  /** The elements of the path to draw thick. */
  highlight: readonly string[] | undefined;
  /** The step or hold whose evidence is shown. */
  chosen: string | undefined;
  onChoose(id: string): void;
  description: string;
}

/** The attack graph on a canvas, with zoom buttons; redrawn when the paths change, restyled with the theme. */
export function AttackGraphCanvas({
  graph,
  highlight,
  chosen,
  onChoose,
  description,
}: AttackGraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<AttackGraph | undefined>(undefined);
  const choose = useRef(onChoose);
  choose.current = onChoose;
  const colors = useThemeColors();
  const elements = useMemo(() => attackGraphElements(graph), [graph]);
  const state = useRef({ highlight, chosen });
  state.current = { highlight, chosen };

  useEffect(() => {
    if (container.current === null) return;
    const created = new AttackGraph(container.current, elements, readThemeColors(), (id) =>
      choose.current(id),
    );
    created.highlight(state.current.highlight);
    created.choose(state.current.chosen);
    drawn.current = created;
    return () => {
      drawn.current = undefined;
      created.destroy();
    };
  }, [elements]);

  useEffect(() => drawn.current?.highlight(highlight), [highlight]);
  useEffect(() => drawn.current?.choose(chosen), [chosen]);
  useEffect(() => drawn.current?.setColors(colors), [colors]);

  return (
    <div className="attack-graph">
      <div className="attack-graph-tools">
        <button type="button" aria-label="Zoom in" onClick={() => drawn.current?.zoom(1.4)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => drawn.current?.zoom(1 / 1.4)}>
          −
        </button>
        <button type="button" onClick={() => drawn.current?.fit()}>
          Fit
        </button>
        <ul className="attack-legend" aria-label="Legend">
          <li>
            <span className="attack-swatch attack-swatch-entry" aria-hidden="true" /> entry
          </li>
          <li>
            <span className="attack-swatch attack-swatch-asset" aria-hidden="true" /> asset
          </li>
          <li>
            <span className="attack-swatch attack-swatch-credential" aria-hidden="true" /> credential
          </li>
          <li>
            <span className="attack-swatch attack-swatch-jewel" aria-hidden="true" /> crown jewel
          </li>
          <li>
            <span className="attack-swatch attack-swatch-path" aria-hidden="true" /> chosen path
          </li>
        </ul>
      </div>
      <div ref={container} className="attack-graph-canvas" role="img" aria-label={description} />
    </div>
  );
}
