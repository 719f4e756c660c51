import type { RefObject } from 'react';
import type { TopologyGraph } from './topology-drawing';

/** Zoom and fit without a mouse wheel. */
export function ZoomButtons({ graph }: { graph: RefObject<TopologyGraph | undefined> }) {
  return (
    <div className="zoom-buttons">
      <button type="button" onClick={() => graph.current?.zoomIn()} aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={() => graph.current?.zoomOut()} aria-label="Zoom out">
        −
      </button>
      <button type="button" onClick={() => graph.current?.fit()}>
        Fit all
      </button>
    </div>
  );
}
