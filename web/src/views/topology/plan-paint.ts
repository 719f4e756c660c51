import type { Health } from '../../contract';
import type { ThemeColors } from '../../theme/theme-colors';
import { type KindShape, shapeOf } from './kind-shapes';
import type { Box } from './nested-grid-layout';
import { defaultNestedGridOptions } from './nested-grid-layout';
import type { PlanItem, PlanScene } from './plan-scene';
import type { Viewport } from './viewport';
import { visibleBox } from './viewport';

/** What, beyond the scene, decides how it looks: colours, live health, marks. */
export interface PlanLook {
  colors: ThemeColors;
  healthOf(item: PlanItem): Health;
  found: string | undefined;
  impact: PlanImpact | undefined;
}

export interface PlanImpact {
  source: string;
  effects: ReadonlyMap<string, 'failed' | 'degraded'>;
}

/** Labels smaller than this on screen are not drawn: unreadable, and the costliest part to draw. */
const minLabelPixels = 8;
const leafLabelSize = 6;
/** A leaf's name wraps within about its cell (the leaf and the gap beside it). */
const leafLabelWidth = 34;
const leafLabelLines = 2;
/** Big boxes carry big labels, readable when the whole estate is in view. */
const boxLabelSizes: Readonly<Record<string, number>> = { site: 56, group: 56, room: 36, rack: 12, host: 8 };
const defaultBoxLabelSize = 10;
const fontFamily = 'system-ui, sans-serif';
const dimmedAlpha = 0.12;
const boxFillAlpha = 0.55;

type ShapePath = (context: CanvasRenderingContext2D, box: Box) => void;

const roundRect: ShapePath = (context, { x, y, width, height }) =>
  context.roundRect(x, y, width, height, Math.min(width, height) / 4);
const rectangle: ShapePath = (context, { x, y, width, height }) => context.rect(x, y, width, height);
const polygon =
  (points: ReadonlyArray<readonly [number, number]>): ShapePath =>
  (context, { x, y, width, height }) => {
    points.forEach(([px, py], index) => {
      const method = index === 0 ? 'moveTo' : 'lineTo';
      context[method](x + px * width, y + py * height);
    });
    context.closePath();
  };
/** How the plan draws each of the shapes (kind-shapes.ts). */
const shapePaths: Readonly<Record<KindShape, ShapePath>> = {
  'round-rectangle': roundRect,
  rectangle,
  ellipse: (context, { x, y, width, height }) =>
    context.ellipse(x + width / 2, y + height / 2, width / 2, height / 2, 0, 0, 2 * Math.PI),
  hexagon: polygon([
    [0.25, 0],
    [0.75, 0],
    [1, 0.5],
    [0.75, 1],
    [0.25, 1],
    [0, 0.5],
  ]),
  diamond: polygon([
    [0.5, 0],
    [1, 0.5],
    [0.5, 1],
    [0, 0.5],
  ]),
  octagon: polygon([
    [0.3, 0],
    [0.7, 0],
    [1, 0.3],
    [1, 0.7],
    [0.7, 1],
    [0.3, 1],
    [0, 0.7],
    [0, 0.3],
  ]),
  barrel: (context, { x, y, width, height }) => context.roundRect(x, y, width, height, width / 2.5),
  triangle: polygon([
    [0.5, 0],
    [1, 1],
    [0, 1],
  ]),
};

/**
 * Draws a plan: the boxes beneath what they hold, leaves in their health's colour and shape,
 * marks for the found entity and a blast radius, then the labels large enough to read. Only what
 * is on screen is drawn, so a zoomed-in view of a big estate costs what its visible part costs.
 */
export function paintPlan(
  context: CanvasRenderingContext2D,
  scene: PlanScene,
  view: Viewport,
  screen: { width: number; height: number },
  pixelRatio: number,
  look: PlanLook,
): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, screen.width * pixelRatio, screen.height * pixelRatio);
  context.setTransform(
    pixelRatio * view.zoom,
    0,
    0,
    pixelRatio * view.zoom,
    pixelRatio * view.panX,
    pixelRatio * view.panY,
  );
  const inView = visibleBox(view, screen);
  const visible = scene.items.filter((item) => overlaps(item, inView));
  for (const item of visible) {
    context.globalAlpha = dimmed(item, look.impact) ? dimmedAlpha : 1;
    if (item.box) paintBox(context, item, look);
    else paintLeaf(context, item, look);
    paintMark(context, item, look);
  }
  for (const item of visible) {
    context.globalAlpha = dimmed(item, look.impact) ? dimmedAlpha : 1;
    paintLabel(context, item, view.zoom, look.colors);
  }
  context.globalAlpha = 1;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function dimmed(item: PlanItem, impact: PlanImpact | undefined): boolean {
  return impact !== undefined && item.id !== impact.source && !impact.effects.has(item.id);
}

function paintBox(context: CanvasRenderingContext2D, item: PlanItem, look: PlanLook): void {
  const alpha = context.globalAlpha;
  context.beginPath();
  context.roundRect(item.x, item.y, item.width, item.height, 6);
  context.globalAlpha = alpha * boxFillAlpha;
  context.fillStyle = look.colors.compoundFill;
  context.fill();
  context.globalAlpha = alpha;
  // A box's border turns to its health when that is worth a look.
  const health = look.healthOf(item);
  context.lineWidth = health === 'critical' ? 3 : health === 'warning' ? 2 : 1;
  context.strokeStyle =
    health === 'critical' || health === 'warning' ? look.colors.health[health] : look.colors.compoundBorder;
  context.stroke();
}

function paintLeaf(context: CanvasRenderingContext2D, item: PlanItem, look: PlanLook): void {
  context.beginPath();
  shapePaths[shapeOf(item.kind)](context, item);
  context.fillStyle = look.colors.health[look.healthOf(item)];
  context.fill();
}

/** The found entity and the blast radius carry a thick border in their colour. */
function paintMark(context: CanvasRenderingContext2D, item: PlanItem, look: PlanLook): void {
  const { colors, found, impact } = look;
  const effect = impact?.effects.get(item.id);
  const mark =
    item.id === found
      ? { color: colors.selection, width: 4 }
      : item.id === impact?.source
        ? { color: colors.health.critical, width: 5 }
        : effect === 'failed'
          ? { color: colors.health.critical, width: 4 }
          : effect === 'degraded'
            ? { color: colors.health.warning, width: 4 }
            : undefined;
  if (mark === undefined) return;
  context.beginPath();
  if (item.box) context.roundRect(item.x, item.y, item.width, item.height, 6);
  else shapePaths[shapeOf(item.kind)](context, item);
  context.lineWidth = mark.width;
  context.strokeStyle = mark.color;
  context.stroke();
}

/** A box's label font size, graph units; leaves' are all the same. */
export function labelSize(item: Pick<PlanItem, 'box' | 'kind'>): number {
  return item.box ? (boxLabelSizes[item.kind] ?? defaultBoxLabelSize) : leafLabelSize;
}

function paintLabel(
  context: CanvasRenderingContext2D,
  item: PlanItem,
  zoom: number,
  colors: ThemeColors,
): void {
  const size = labelSize(item);
  if (size * zoom < minLabelPixels) return;
  context.font = `${size}px ${fontFamily}`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  if (item.box) {
    // Inside the band the layout leaves above the box's contents (nested-grid-layout.ts).
    const bands = defaultNestedGridOptions.labelBands;
    const band = bands[Math.min(item.depth, bands.length - 1)] ?? size;
    context.fillStyle = colors.muted;
    context.fillText(
      fittedTo(context, item.label, item.width - 8),
      item.x + item.width / 2,
      item.y + Math.max(2, (band - size * 1.15) / 2 + 2),
    );
    return;
  }
  context.fillStyle = colors.text;
  wrapped(context, item.label, leafLabelWidth, leafLabelLines).forEach((line, index) => {
    context.fillText(line, item.x + item.width / 2, item.y + item.height + 1 + index * size * 1.1);
  });
}

/**
 * The text in lines no wider than `width`, broken between words where it can and anywhere where
 * it must (names like `dc1-a-r01-h01-vm12` have no spaces), the last line cut with an ellipsis.
 */
export function wrapped(
  context: Pick<CanvasRenderingContext2D, 'measureText'>,
  text: string,
  width: number,
  maxLines: number,
): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && lines.length < maxLines) {
    if (lines.length === maxLines - 1 || context.measureText(rest).width <= width) {
      lines.push(lines.length === maxLines - 1 ? fittedTo(context, rest, width) : rest);
      break;
    }
    let end = rest.length;
    while (end > 1 && context.measureText(rest.slice(0, end)).width > width) end--;
    const space = rest.lastIndexOf(' ', end);
    const cut = space > 0 ? space : end;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  return lines;
}

/** The text cut to a width, with an ellipsis where it was cut. */
function fittedTo(
  context: Pick<CanvasRenderingContext2D, 'measureText'>,
  text: string,
  width: number,
): string {
  if (context.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && context.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
}
