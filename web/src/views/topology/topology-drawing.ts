import type { Health } from '../../contract';
import type { ThemeColors } from '../../theme/theme-colors';

export interface TopologyGraphHandlers {
  /** A node was clicked: the view opens its entity page. */
  onOpen(id: string): void;
  /** The pointer is over a node (or over none). */
  onHover(id: string | undefined): void;
}

/** What a drawing shows, as the browser tests read it (see `drawingHandle`). */
export interface DrawnSnapshot {
  nodes: Array<{ id: string; kind: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
  /** The entities marked as failing or degrading with a blast radius. */
  impact: string[];
  /** How many elements a blast radius dims. */
  dimmed: number;
  /** Where the drawing is looked at from: screen = graph × zoom + pan. */
  zoom: number;
  pan: { x: number; y: number };
}

/**
 * A topology layer as drawn on the page, whatever draws it (a canvas plan for the physical layer,
 * Cytoscape.js for the graphs): what the view asks of it.
 */
export interface TopologyGraph {
  /** Recolours an entity drawn as a node or an edge; cheap to call for every live message. */
  setHealth(id: string, health: Health): void;
  /** Marks and centres a node; false when nothing is drawn by that id. */
  focus(id: string): boolean;
  /** Whether the drawing shows an entity, as a node or as an edge (a network link). */
  has(id: string): boolean;
  /** Marks a blast radius: its source, what fails or degrades with it; dims everything else. */
  highlightImpact(source: string, effects: ReadonlyMap<string, 'failed' | 'degraded'>): void;
  clearImpact(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Moves the picture by this many screen pixels. */
  panBy(dx: number, dy: number): void;
  fit(): void;
  setColors(colors: ThemeColors): void;
  snapshot(): DrawnSnapshot;
  destroy(): void;
}

/**
 * The property of the drawing's container that holds the drawing, so that the browser tests can
 * check what is drawn on a canvas they cannot read.
 */
export const drawingHandle = 'topologyDrawing';
