import type { Health } from '../../contract';
import type { ThemeColors } from '../../theme/theme-colors';
import { type PlanImpact, paintPlan } from './plan-paint';
import { extentOf, itemAt, type PlanItem, type PlanScene } from './plan-scene';
import type { DrawnSnapshot, TopologyGraph, TopologyGraphHandlers } from './topology-drawing';
import { between, centredOn, fitViewport, toGraph, type Viewport, zoomAround } from './viewport';

const fitPadding = 24;
const zoomLimits = { min: 0.005, max: 8 };
const zoomStep = 1.5;
const focusZoomLimit = 3;
const glideMs = 300;
/** A press that moves less than this is a click, not a drag. */
const clickSlop = 4;
/** How much a wheel notch (deltaY 100) zooms. */
const wheelFactorPer100 = 1.25;

/**
 * The physical layer drawn as a plan on a canvas: nested boxes and leaves at the places the
 * layout gives them, panned by dragging, zoomed by the wheel and the buttons. A canvas of its own
 * rather than Cytoscape.js: the plan has no edges and needs no layout or per-element style, and
 * drawing it directly takes milliseconds where Cytoscape's first render of 4,400 nodes took about
 * a second (docs/adr/0018).
 */
export class PlanDrawing implements TopologyGraph {
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly byId: Map<string, PlanItem>;
  private readonly health = new Map<string, Health>();
  private view: Viewport;
  private screen: { width: number; height: number };
  private pixelRatio = window.devicePixelRatio || 1;
  private frame: number | undefined;
  private glide: number | undefined;
  private found: string | undefined;
  private impact: PlanImpact | undefined;
  private hovered: string | undefined;
  private press: { x: number; y: number; view: Viewport; dragged: boolean } | undefined;
  private readonly resizeObserver: ResizeObserver;
  private readonly removeListeners: () => void;

  constructor(
    private readonly container: HTMLElement,
    private readonly scene: PlanScene,
    private colors: ThemeColors,
    private readonly handlers: TopologyGraphHandlers,
  ) {
    this.byId = new Map(scene.items.map((item) => [item.id, item]));
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'plan-canvas';
    const context = this.canvas.getContext('2d');
    if (context === null) throw new Error('this browser cannot draw on a canvas');
    this.context = context;
    container.append(this.canvas);
    this.screen = { width: container.clientWidth, height: container.clientHeight };
    this.sizeCanvas();
    this.view = this.fitted();
    this.paint();
    this.removeListeners = this.listen();
    this.resizeObserver = new ResizeObserver(() => this.resized());
    this.resizeObserver.observe(container);
  }

  setHealth(id: string, health: Health): void {
    const item = this.byId.get(id);
    if (item === undefined || (this.health.get(id) ?? item.health) === health) return;
    this.health.set(id, health);
    this.invalidate();
  }

  focus(id: string): boolean {
    const item = this.byId.get(id);
    if (item === undefined) return false;
    this.found = id;
    // The item takes about a third of the view, its neighbours around it; a leaf's label is readable.
    const fitting = Math.min(this.screen.width / (item.width * 3), this.screen.height / (item.height * 3));
    const zoom = Math.min(Math.max(fitting, zoomLimits.min), focusZoomLimit);
    this.glideTo(centredOn({ x: item.x + item.width / 2, y: item.y + item.height / 2 }, zoom, this.screen));
    return true;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  highlightImpact(source: string, effects: ReadonlyMap<string, 'failed' | 'degraded'>): void {
    this.impact = { source, effects };
    const marked = [source, ...effects.keys()].flatMap((id) => this.byId.get(id) ?? []);
    if (marked.length > 0)
      this.glideTo(fitViewport(extentOf(marked), this.screen, fitPadding * 2, zoomLimits));
    else this.invalidate();
  }

  clearImpact(): void {
    this.impact = undefined;
    this.invalidate();
  }

  zoomIn(): void {
    this.zoomAroundCentre(zoomStep);
  }

  zoomOut(): void {
    this.zoomAroundCentre(1 / zoomStep);
  }

  panBy(dx: number, dy: number): void {
    this.setView({ ...this.view, panX: this.view.panX + dx, panY: this.view.panY + dy });
  }

  fit(): void {
    this.glideTo(this.fitted());
  }

  setColors(colors: ThemeColors): void {
    this.colors = colors;
    this.invalidate();
  }

  snapshot(): DrawnSnapshot {
    const dimmed = this.impact
      ? this.scene.items.filter(
          (item) => item.id !== this.impact?.source && !this.impact?.effects.has(item.id),
        ).length
      : 0;
    return {
      nodes: this.scene.items.map((item) => ({ id: item.id, kind: item.kind })),
      edges: [],
      impact: this.impact ? [...this.impact.effects.keys()].filter((id) => this.byId.has(id)) : [],
      dimmed,
      zoom: this.view.zoom,
      pan: { x: this.view.panX, y: this.view.panY },
    };
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.removeListeners();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.glide !== undefined) cancelAnimationFrame(this.glide);
    this.canvas.remove();
  }

  private fitted(): Viewport {
    return fitViewport(this.scene.bounds, this.screen, fitPadding, zoomLimits);
  }

  private sizeCanvas(): void {
    this.pixelRatio = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(this.screen.width * this.pixelRatio));
    this.canvas.height = Math.max(1, Math.round(this.screen.height * this.pixelRatio));
  }

  /** The container changed size (a notice above it, the window): keep the centre where it was. */
  private resized(): void {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === this.screen.width && height === this.screen.height) return;
    const centre = toGraph(this.view, { x: this.screen.width / 2, y: this.screen.height / 2 });
    this.screen = { width, height };
    this.sizeCanvas();
    this.view = centredOn(centre, this.view.zoom, this.screen);
    this.paint();
  }

  /** Draws on the next frame, once however many changes arrive before it. */
  private invalidate(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.paint();
    });
  }

  private paint(): void {
    paintPlan(this.context, this.scene, this.view, this.screen, this.pixelRatio, {
      colors: this.colors,
      healthOf: (item) => this.health.get(item.id) ?? item.health,
      found: this.found,
      impact: this.impact,
    });
  }

  private setView(view: Viewport): void {
    if (this.glide !== undefined) cancelAnimationFrame(this.glide);
    this.glide = undefined;
    this.view = view;
    this.invalidate();
  }

  private glideTo(target: Viewport): void {
    if (this.glide !== undefined) cancelAnimationFrame(this.glide);
    const from = this.view;
    const started = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - started) / glideMs);
      const eased = t * (2 - t);
      this.view = t >= 1 ? target : between(from, target, eased, this.screen);
      this.paint();
      this.glide = t >= 1 ? undefined : requestAnimationFrame(step);
    };
    this.glide = requestAnimationFrame(step);
  }

  private zoomAroundCentre(factor: number): void {
    this.setView(
      zoomAround(this.view, factor, { x: this.screen.width / 2, y: this.screen.height / 2 }, zoomLimits),
    );
  }

  private listen(): () => void {
    const canvas = this.canvas;
    const local = (event: MouseEvent) => {
      const rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    const entityAt = (event: MouseEvent) => {
      const point = toGraph(this.view, local(event));
      const item = itemAt(this.scene.items, point.x, point.y);
      return item === undefined || item.synthetic ? undefined : item.id;
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const factor = wheelFactorPer100 ** (-event.deltaY / 100);
      this.setView(zoomAround(this.view, factor, local(event), zoomLimits));
    };
    const onDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      canvas.setPointerCapture(event.pointerId);
      this.press = { ...local(event), view: this.view, dragged: false };
    };
    const onMove = (event: PointerEvent) => {
      const press = this.press;
      if (press === undefined) {
        this.hover(entityAt(event));
        return;
      }
      const point = local(event);
      const dx = point.x - press.x;
      const dy = point.y - press.y;
      if (!press.dragged && Math.hypot(dx, dy) < clickSlop) return;
      press.dragged = true;
      canvas.classList.add('dragging');
      this.setView({ ...press.view, panX: press.view.panX + dx, panY: press.view.panY + dy });
    };
    const onUp = (event: PointerEvent) => {
      const press = this.press;
      this.press = undefined;
      canvas.classList.remove('dragging');
      if (press === undefined || press.dragged) return;
      const id = entityAt(event);
      if (id !== undefined) this.handlers.onOpen(id);
    };
    const onLeave = () => this.hover(undefined);
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }

  private hover(id: string | undefined): void {
    if (id === this.hovered) return;
    this.hovered = id;
    this.canvas.classList.toggle('over-entity', id !== undefined);
    this.handlers.onHover(id);
  }
}
