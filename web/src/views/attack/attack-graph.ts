import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import type { ThemeColors } from '../../theme/theme-colors';
import { attackGraphStyle } from './attack-graph-style';
import { layeredPositions } from './attack-layout';
import type { AttackPathsGraph } from './attack-paths-graph';

const fitPadding = 36;

/** Cytoscape elements of the attack graph, placed in columns in the attacker's order. */
export function attackGraphElements(graph: AttackPathsGraph): ElementDefinition[] {
  const positions = layeredPositions(
    graph.nodes.map((node) => node.id),
    graph.edges,
  );
  return [
    ...graph.nodes.map(
      (node): ElementDefinition => ({
        group: 'nodes',
        data: { ...node },
        position: positions.get(node.id) ?? { x: 0, y: 0 },
      }),
    ),
    ...graph.edges.map((edge): ElementDefinition => ({ group: 'edges', data: { ...edge } })),
  ];
}

/**
 * The drawn attack graph: highlights one path, marks the element chosen in the lists beside it,
 * reports clicks on steps and holds, zooms and follows the theme.
 */
export class AttackGraph {
  private readonly cy: Core;
  private readonly resizeObserver: ResizeObserver;

  constructor(
    container: HTMLElement,
    elements: ElementDefinition[],
    colors: ThemeColors,
    onChoose: (id: string) => void,
  ) {
    this.cy = cytoscape({
      container,
      style: attackGraphStyle(colors),
      elements,
      layout: { name: 'preset' },
      minZoom: 0.2,
      maxZoom: 3,
      autoungrabify: true,
      autounselectify: true,
      boxSelectionEnabled: false,
    });
    this.cy.fit(undefined, fitPadding);
    this.cy.on('tap', 'node, edge', (event: EventObject) => onChoose(String(event.target.id())));
    this.resizeObserver = new ResizeObserver(() => {
      this.cy.resize();
      this.cy.fit(undefined, fitPadding);
    });
    this.resizeObserver.observe(container);
  }

  /** Draws the elements of one path thick and fades the rest; none for every path alike. */
  highlight(elementIds: readonly string[] | undefined): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass('on-path faded');
      if (elementIds === undefined) return;
      const on = new Set(elementIds);
      this.cy.elements().forEach((element) => {
        element.addClass(on.has(element.id()) ? 'on-path' : 'faded');
      });
    });
  }

  /** Marks the step or hold whose evidence is shown. */
  choose(id: string | undefined): void {
    this.cy.batch(() => {
      this.cy.elements('.chosen').removeClass('chosen');
      if (id !== undefined) this.cy.getElementById(id).addClass('chosen');
    });
  }

  zoom(factor: number): void {
    this.cy.zoom({
      level: this.cy.zoom() * factor,
      renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 },
    });
  }

  fit(): void {
    this.cy.fit(undefined, fitPadding);
  }

  setColors(colors: ThemeColors): void {
    this.cy.style(attackGraphStyle(colors));
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.cy.destroy();
  }
}
