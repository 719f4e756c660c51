import { type RefObject, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api/api-error';
import { formatCount } from '../../format/format-number';
import { Link } from '../../routing/link';
import { entityPath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { type LayerBlastRadius, layerBlastRadius } from './blast-radius';
import './blast-radius.css';
import type { TopologyGraph } from './topology-drawing';

interface BlastRadiusProps {
  /** The entity found in the map, which "What if this fails" asks about. */
  selected: string | undefined;
  graph: RefObject<TopologyGraph | undefined>;
  /** Changes each time the graph is drawn again: a marked blast radius is then cleared. */
  drawing: number;
  layerLabel: string;
}

/**
 * "What if this fails": asks the API for the found entity's blast radius, marks what of it the
 * layer draws (dimming the rest) and lists it; **Clear** puts the map back.
 */
export function BlastRadiusPanel({ selected, graph, drawing, layerLabel }: BlastRadiusProps) {
  const { api } = useSession();
  const [result, setResult] = useState<LayerBlastRadius | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const request = useRef<AbortController | undefined>(undefined);

  const clear = () => {
    request.current?.abort();
    setBusy(false);
    setResult(undefined);
    setError(undefined);
    graph.current?.clearImpact();
  };
  // A new selection or a redrawn map forgets the last answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever what it was asked of changes
  useEffect(() => clear, [selected, drawing]);

  const ask = async () => {
    const drawn = graph.current;
    if (selected === undefined || drawn === undefined) return;
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setBusy(true);
    setError(undefined);
    try {
      const report = await api.impact(selected, controller.signal);
      if (controller.signal.aborted) return;
      const radius = layerBlastRadius(selected, report, (id) => drawn.has(id));
      drawn.highlightImpact(selected, new Map(radius.drawn.map((entity) => [entity.id, entity.effect])));
      setResult(radius);
    } catch (caught) {
      if (isAbort(caught)) return;
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      if (!controller.signal.aborted) setBusy(false);
    }
  };

  return (
    <section className="blast-radius" aria-label="Blast radius">
      <div className="blast-radius-actions">
        <button type="button" onClick={ask} disabled={selected === undefined || busy}>
          What if this fails
        </button>
        {(result !== undefined || error !== undefined) && (
          <button type="button" onClick={clear}>
            Clear
          </button>
        )}
      </div>
      {selected === undefined && <p className="muted">Find an entity to see what fails with it.</p>}
      {busy && <p className="muted">Asking what fails with {selected}…</p>}
      {error !== undefined && (
        <p className="error" role="alert">
          Could not compute the blast radius: {error}
        </p>
      )}
      {result !== undefined && (
        <>
          <p role="status" className="blast-radius-count">
            {formatCount(result.total)} affected ({formatCount(result.failed)} failed,{' '}
            {formatCount(result.degraded)} degraded); {formatCount(result.drawn.length)} in the{' '}
            {layerLabel.toLowerCase()} layer.
          </p>
          {result.drawn.length > 0 && (
            <ul className="blast-radius-list">
              {result.drawn.map((entity) => (
                <li key={entity.id} data-entity-id={entity.id} className={`effect-${entity.effect}`}>
                  <Link to={entityPath(entity.id)}>{entity.name}</Link>{' '}
                  <span className="muted">
                    {entity.kind} · {entity.effect} via {entity.via}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
