import type { ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { readThemeColors, useThemeColors } from '../../theme/theme-colors';
import { TopologyGraph, type TopologyGraphHandlers } from './topology-graph';

export interface GraphCanvasProps extends TopologyGraphHandlers {
  elements: ElementDefinition[];
  /** Receives the graph once drawn, and undefined when it is gone. */
  onGraph(graph: TopologyGraph | undefined): void;
  /** What the picture shows, for those who cannot see it. */
  description: string;
}

/** Where the graph is drawn; redrawn when the elements change, restyled when the theme does. */
export function GraphCanvas({ elements, onGraph, onOpen, onHover, description }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<TopologyGraph | undefined>(undefined);
  const handlers = useRef({ onOpen, onHover, onGraph });
  handlers.current = { onOpen, onHover, onGraph };
  const colors = useThemeColors();

  useEffect(() => {
    if (container.current === null) return;
    const drawn = new TopologyGraph(container.current, elements, readThemeColors(), {
      onOpen: (id) => handlers.current.onOpen(id),
      onHover: (id) => handlers.current.onHover(id),
    });
    graph.current = drawn;
    handlers.current.onGraph(drawn);
    return () => {
      handlers.current.onGraph(undefined);
      graph.current = undefined;
      drawn.destroy();
    };
  }, [elements]);

  useEffect(() => {
    graph.current?.setColors(colors);
  }, [colors]);

  return <div ref={container} className="graph-canvas" role="img" aria-label={description} />;
}
