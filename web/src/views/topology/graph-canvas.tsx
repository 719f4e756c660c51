import { useEffect, useRef } from 'react';
import { readThemeColors, type ThemeColors, useThemeColors } from '../../theme/theme-colors';
import { PlanDrawing } from './plan-drawing';
import { drawingHandle, type TopologyGraph, type TopologyGraphHandlers } from './topology-drawing';
import type { LayerDrawing } from './topology-layers';

export interface GraphCanvasProps extends TopologyGraphHandlers {
  drawing: LayerDrawing;
  /** Receives the drawing once on the page, and undefined when it is gone. */
  onGraph(graph: TopologyGraph | undefined): void;
  /** What the picture shows, for those who cannot see it. */
  description: string;
}

/** Where a layer is drawn; drawn again when the layer's data change, restyled when the theme does. */
export function GraphCanvas({ drawing, onGraph, onOpen, onHover, description }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<TopologyGraph | undefined>(undefined);
  const handlers = useRef({ onOpen, onHover, onGraph });
  handlers.current = { onOpen, onHover, onGraph };
  const colors = useThemeColors();

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    let drawn: TopologyGraph | undefined;
    let gone = false;
    const forward: TopologyGraphHandlers = {
      onOpen: (id) => handlers.current.onOpen(id),
      onHover: (id) => handlers.current.onHover(id),
    };
    const show = (created: TopologyGraph) => {
      drawn = created;
      graph.current = created;
      // Read by the browser tests (test/ui), which cannot see into a canvas.
      Object.assign(element, { [drawingHandle]: created });
      handlers.current.onGraph(created);
    };
    createDrawing(element, drawing, readThemeColors(), forward).then(
      (created) => (gone ? created.destroy() : show(created)),
      (error: unknown) => console.error('the topology could not be drawn', error),
    );
    return () => {
      gone = true;
      if (drawn === undefined) return;
      handlers.current.onGraph(undefined);
      graph.current = undefined;
      Object.assign(element, { [drawingHandle]: undefined });
      drawn.destroy();
    };
  }, [drawing]);

  useEffect(() => {
    graph.current?.setColors(colors);
  }, [colors]);

  return (
    // An application to assistive technology: the map takes arrow keys, + and − itself.
    <div
      ref={container}
      className="graph-canvas"
      role="application"
      aria-roledescription="map"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a map moved by keys (role application) must take focus
      tabIndex={0}
      aria-label={`${description} Arrow keys move the map, + and − zoom, 0 fits it all.`}
      onKeyDown={(event) => {
        const drawn = graph.current;
        if (drawn !== undefined && mapKey(drawn, event.key, event.currentTarget)) event.preventDefault();
      }}
    />
  );
}

/** A fifth of the map's size per arrow press. */
const panShare = 0.2;

/** Moves or zooms the map for a key; false when the key is not one of the map's. */
function mapKey(graph: TopologyGraph, key: string, element: HTMLElement): boolean {
  const stepX = element.clientWidth * panShare;
  const stepY = element.clientHeight * panShare;
  // An arrow moves the view that way: the picture moves the other.
  switch (key) {
    case 'ArrowLeft':
      graph.panBy(stepX, 0);
      return true;
    case 'ArrowRight':
      graph.panBy(-stepX, 0);
      return true;
    case 'ArrowUp':
      graph.panBy(0, stepY);
      return true;
    case 'ArrowDown':
      graph.panBy(0, -stepY);
      return true;
    case '+':
    case '=':
      graph.zoomIn();
      return true;
    case '-':
      graph.zoomOut();
      return true;
    case '0':
      graph.fit();
      return true;
    default:
      return false;
  }
}

/** A plan at once; a graph once Cytoscape.js has loaded (the physical layer never needs it). */
async function createDrawing(
  element: HTMLElement,
  drawing: LayerDrawing,
  colors: ThemeColors,
  handlers: TopologyGraphHandlers,
): Promise<TopologyGraph> {
  if (drawing.type === 'plan') return new PlanDrawing(element, drawing.scene, colors, handlers);
  const { CytoscapeGraph } = await import('./topology-graph');
  return new CytoscapeGraph(element, drawing.elements, colors, handlers);
}
