import type { Css, StylesheetJson } from 'cytoscape';
import type { ThemeColors } from '../../theme/theme-colors';

/** Shapes that tell kinds apart at a glance; every other kind is a rounded square. */
const kindShapes: Readonly<Record<string, Css.NodeShape>> = {
  vm: 'ellipse',
  container: 'hexagon',
  switch: 'diamond',
  router: 'diamond',
  firewall: 'octagon',
  'load-balancer': 'diamond',
  pdu: 'rectangle',
  ups: 'rectangle',
  'power-feed': 'rectangle',
  'cooling-unit': 'barrel',
  sensor: 'triangle',
};

/**
 * Labels of the big boxes stay readable when the whole estate is in view; each fits the band the
 * layout leaves above its box at its depth (nested-grid-layout.ts).
 */
const boxLabelSizes: Readonly<Record<string, number>> = { site: 56, group: 56, room: 36, rack: 12, host: 8 };

/**
 * Cytoscape's stylesheet for a topology layer: leaves filled with their health colour, boxes
 * (compound nodes) tinted with a border that turns to their health when it is not ok, labels only
 * when they are large enough on screen to read (which also keeps big graphs fast).
 */
export function topologyStyle(colors: ThemeColors): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 20,
        height: 20,
        'background-color': colors.health.unknown,
        'border-width': 0,
        label: 'data(label)',
        color: colors.text,
        'font-size': 6,
        'text-valign': 'bottom',
        'text-margin-y': 2,
        // Long names (containers named after their service) wrap within their cell. Measured
        // only when drawn: with no compound nodes nothing sizes a box by its children's labels.
        'text-max-width': '34px',
        'text-wrap': 'wrap',
        'text-overflow-wrap': 'anywhere',
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'node[health = "ok"]', style: { 'background-color': colors.health.ok } },
    { selector: 'node[health = "warning"]', style: { 'background-color': colors.health.warning } },
    { selector: 'node[health = "critical"]', style: { 'background-color': colors.health.critical } },
    ...Object.entries(kindShapes).map(([kind, shape]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { shape },
    })),
    { selector: 'node[!box]', style: { 'z-index-compare': 'manual', 'z-index': 100 } },
    {
      // Boxes (sites, rooms, racks, hosts) are drawn beneath what they hold, deeper ones above.
      selector: 'node[?box]',
      style: {
        'z-index-compare': 'manual',
        'z-index': 0,
        width: 'data(width)',
        height: 'data(height)',
        shape: 'round-rectangle',
        'background-color': colors.compoundFill,
        'background-opacity': 0.55,
        'border-width': 1,
        'border-color': colors.compoundBorder,
        padding: '8px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-max-width': '1000px',
        color: colors.muted,
        'font-size': 10,
      },
    },
    ...[1, 2, 3, 4, 5].map((depth) => ({
      selector: `node[?box][depth = ${depth}]`,
      style: { 'z-index': depth },
    })),
    ...Object.entries(boxLabelSizes).map(([kind, size]) => ({
      selector: `node[?box][kind = "${kind}"]`,
      // Inside the band the layout leaves at the top of the box (nested-grid-layout.ts).
      style: { 'font-size': size, 'text-margin-y': Math.round(size * 1.1) + 4 },
    })),
    {
      selector: 'node[?box][health = "warning"]',
      style: { 'border-color': colors.health.warning, 'border-width': 2 },
    },
    {
      selector: 'node[?box][health = "critical"]',
      style: { 'border-color': colors.health.critical, 'border-width': 3 },
    },
    {
      // Tiered layers (network, services) have room for longer labels between their columns.
      selector: 'node[?tiered]',
      style: { 'font-size': 8, 'text-max-width': '64px', 'min-zoomed-font-size': 6 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'straight',
        'line-color': colors.compoundBorder,
        'target-arrow-shape': 'none',
        'z-index-compare': 'manual',
        'z-index': 50,
      },
    },
    {
      selector: 'edge[?directed]',
      style: {
        'target-arrow-shape': 'triangle',
        'target-arrow-color': colors.compoundBorder,
        'arrow-scale': 0.8,
      },
    },
    { selector: 'edge[?dashed]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[health = "ok"]', style: { 'line-color': colors.health.ok } },
    { selector: 'edge[health = "warning"]', style: { 'line-color': colors.health.warning, width: 3 } },
    { selector: 'edge[health = "critical"]', style: { 'line-color': colors.health.critical, width: 4 } },
    { selector: '.impact-dimmed', style: { opacity: 0.12 } },
    {
      selector: 'node.impact-source',
      style: { 'border-width': 5, 'border-color': colors.health.critical, 'border-style': 'double' },
    },
    { selector: 'node.impact-failed', style: { 'border-width': 4, 'border-color': colors.health.critical } },
    { selector: 'node.impact-degraded', style: { 'border-width': 4, 'border-color': colors.health.warning } },
    { selector: 'edge.impact-failed', style: { 'line-color': colors.health.critical, width: 5 } },
    { selector: 'edge.impact-degraded', style: { 'line-color': colors.health.warning, width: 5 } },
    {
      selector: 'node.found',
      style: { 'border-width': 4, 'border-color': colors.selection, 'border-opacity': 1 },
    },
  ];
}
