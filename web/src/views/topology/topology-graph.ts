import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import type { Health } from '../../contract';
import type { ThemeColors } from '../../theme/theme-colors';
import { topologyStyle } from './graph-style';
import type { DrawnSnapshot, TopologyGraph, TopologyGraphHandlers } from './topology-drawing';

const fitPadding = 24;
const zoomStep = 1.5;
const focusZoomLimit = 3;

/**
 * A graph layer (network, services) drawn by Cytoscape.js: recolours nodes as their health
 * changes (batched per animation frame, however many arrive), finds and centres one, zooms, and
 * follows the theme.
 */
export class CytoscapeGraph implements TopologyGraph {
  private readonly cy: Core;
  private readonly pendingHealth = new Map<string, Health>();
  private frame: number | undefined;
  private readonly resizeObserver: ResizeObserver;

  constructor(
    container: HTMLElement,
    elements: ElementDefinition[],
    colors: ThemeColors,
    handlers: TopologyGraphHandlers,
  ) {
    this.cy = cytoscape({
      container,
      style: topologyStyle(colors),
      minZoom: 0.02,
      maxZoom: 8,
      // Positions come from the layout: nothing to drag, nothing to box-select.
      autoungrabify: true,
      autounselectify: true,
      boxSelectionEnabled: false,
      // Pans and zooms move a snapshot instead of redrawing thousands of nodes each frame.
      textureOnViewport: true,
    });
    // Added in one batch, styles are computed once for all rather than again for each element's
    // ancestors as each arrives: a fifth faster on a few thousand nested nodes.
    this.cy.batch(() => this.cy.add(elements));
    this.cy.fit(this.cy.elements(), fitPadding);
    // Listening on the core hears each tap once, on whatever it hit.
    this.cy.on('tap', (event: EventObject) => {
      const id = this.nodeIdOf(event);
      if (id !== undefined) handlers.onOpen(id);
    });
    this.cy.on('mouseover', (event: EventObject) => handlers.onHover(this.nodeIdOf(event)));
    this.cy.on('mouseout', () => handlers.onHover(undefined));
    // Cytoscape sizes its canvas to the window's resizes only; a notice above the map resizes it
    // too. The observer's first call, at once, changes nothing: it would redraw every element.
    let size = `${container.clientWidth}x${container.clientHeight}`;
    this.resizeObserver = new ResizeObserver(() => {
      const now = `${container.clientWidth}x${container.clientHeight}`;
      if (now === size) return;
      size = now;
      this.cy.resize();
    });
    this.resizeObserver.observe(container);
  }

  private nodeIdOf(event: EventObject): string | undefined {
    const target = event.target;
    return target !== this.cy && typeof target.isNode === 'function' && target.isNode()
      ? String(target.id())
      : undefined;
  }

  setHealth(id: string, health: Health): void {
    this.pendingHealth.set(id, health);
    this.frame ??= requestAnimationFrame(() => this.flushHealth());
  }

  private flushHealth(): void {
    this.frame = undefined;
    this.cy.batch(() => {
      for (const [id, health] of this.pendingHealth) this.cy.getElementById(id).data('health', health);
    });
    this.pendingHealth.clear();
  }

  /** Marks and centres a node, zoomed in enough to read it; false when the graph has none by that id. */
  focus(id: string): boolean {
    const node = this.cy.getElementById(id);
    if (node.empty()) return false;
    this.cy.nodes('.found').removeClass('found');
    node.addClass('found');
    // The node takes about a third of the view, its neighbours around it; a leaf's label is readable.
    const box = node.boundingBox();
    const fitting = Math.min(this.cy.width() / (box.w * 3), this.cy.height() / (box.h * 3));
    const zoom = Math.min(Math.max(fitting, this.cy.minZoom()), focusZoomLimit);
    this.cy.stop();
    this.cy.animate({ zoom, center: { eles: node } }, { duration: 300 });
    return true;
  }

  /** Whether the graph draws an entity, as a node or as an edge (a network link). */
  has(id: string): boolean {
    return !this.cy.getElementById(id).empty();
  }

  /**
   * Marks a blast radius: the failing source, the entities that fail or degrade (nodes, and edges
   * that stand for an entity), and dims everything else; an edge between two marked nodes stays lit.
   */
  highlightImpact(source: string, effects: ReadonlyMap<string, 'failed' | 'degraded'>): void {
    this.cy.batch(() => {
      this.clearImpactClasses();
      this.cy.elements().addClass('impact-dimmed');
      const lit = (id: string) => id === source || effects.has(id);
      this.cy.getElementById(source).removeClass('impact-dimmed').addClass('impact-source');
      for (const [id, effect] of effects) {
        this.cy.getElementById(id).removeClass('impact-dimmed').addClass(`impact-${effect}`);
      }
      this.cy.edges().forEach((edge) => {
        if (lit(String(edge.data('source'))) && lit(String(edge.data('target'))))
          edge.removeClass('impact-dimmed');
      });
    });
    // Show the whole radius: the source and what it takes down with it.
    const radius = this.cy.elements('.impact-source, .impact-failed, .impact-degraded');
    if (radius.nonempty()) {
      this.cy.stop();
      this.cy.animate({ fit: { eles: radius, padding: fitPadding * 2 } }, { duration: 300 });
    }
  }

  clearImpact(): void {
    if (this.cy.destroyed()) return;
    this.cy.batch(() => this.clearImpactClasses());
  }

  private clearImpactClasses(): void {
    this.cy.elements().removeClass('impact-dimmed impact-source impact-failed impact-degraded');
  }

  zoomIn(): void {
    this.zoomAroundCentre(zoomStep);
  }

  zoomOut(): void {
    this.zoomAroundCentre(1 / zoomStep);
  }

  panBy(dx: number, dy: number): void {
    this.cy.panBy({ x: dx, y: dy });
  }

  fit(): void {
    this.cy.stop();
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: fitPadding } }, { duration: 300 });
  }

  private zoomAroundCentre(factor: number): void {
    this.cy.zoom({
      level: this.cy.zoom() * factor,
      renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 },
    });
  }

  setColors(colors: ThemeColors): void {
    this.cy.style(topologyStyle(colors));
  }

  snapshot(): DrawnSnapshot {
    return {
      nodes: this.cy.nodes().map((node) => ({ id: node.id(), kind: String(node.data('kind')) })),
      edges: this.cy.edges().map((edge) => ({
        id: edge.id(),
        source: String(edge.data('source')),
        target: String(edge.data('target')),
      })),
      impact: this.cy.elements('.impact-failed, .impact-degraded').map((element) => element.id()),
      dimmed: this.cy.elements('.impact-dimmed').length,
      zoom: this.cy.zoom(),
      pan: this.cy.pan(),
    };
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.cy.destroy();
  }
}
