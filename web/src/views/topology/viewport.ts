import type { Box } from './nested-grid-layout';

/** Where the drawing is looked at from: a screen point is a graph point times zoom, plus pan. */
export interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
}

export interface ZoomLimits {
  min: number;
  max: number;
}

export interface Point {
  x: number;
  y: number;
}

const clamp = (value: number, limits: ZoomLimits) => Math.min(Math.max(value, limits.min), limits.max);

/** The viewport that shows a box whole and centred, `padding` screen pixels from the edges. */
export function fitViewport(
  box: Box,
  screen: { width: number; height: number },
  padding: number,
  limits: ZoomLimits,
): Viewport {
  const width = Math.max(screen.width - 2 * padding, 1);
  const height = Math.max(screen.height - 2 * padding, 1);
  const zoom = clamp(
    Math.min(width / Math.max(box.width, 1e-9), height / Math.max(box.height, 1e-9)),
    limits,
  );
  return centredOn({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, zoom, screen);
}

/** The viewport at a zoom that puts a graph point in the middle of the screen. */
export function centredOn(point: Point, zoom: number, screen: { width: number; height: number }): Viewport {
  return { zoom, panX: screen.width / 2 - point.x * zoom, panY: screen.height / 2 - point.y * zoom };
}

/** Zooms by a factor keeping the graph point under a screen point where it is. */
export function zoomAround(view: Viewport, factor: number, screen: Point, limits: ZoomLimits): Viewport {
  const zoom = clamp(view.zoom * factor, limits);
  const graph = toGraph(view, screen);
  return { zoom, panX: screen.x - graph.x * zoom, panY: screen.y - graph.y * zoom };
}

export function toGraph(view: Viewport, screen: Point): Point {
  return { x: (screen.x - view.panX) / view.zoom, y: (screen.y - view.panY) / view.zoom };
}

/** The part of the graph on screen. */
export function visibleBox(view: Viewport, screen: { width: number; height: number }): Box {
  const topLeft = toGraph(view, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, width: screen.width / view.zoom, height: screen.height / view.zoom };
}

/**
 * A step of the way from one viewport to another (t from 0 to 1): the zoom changes by the same
 * factor each step and the centre moves straight, so the motion reads as one glide.
 */
export function between(
  from: Viewport,
  to: Viewport,
  t: number,
  screen: { width: number; height: number },
): Viewport {
  const middle = { x: screen.width / 2, y: screen.height / 2 };
  const a = toGraph(from, middle);
  const b = toGraph(to, middle);
  const zoom = from.zoom * (to.zoom / from.zoom) ** t;
  return centredOn({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, zoom, screen);
}
