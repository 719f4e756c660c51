import type { StylesheetJson } from 'cytoscape';
import type { ThemeColors } from '../../theme/theme-colors';
import { kindShapes } from './kind-shapes';

/**
 * Cytoscape's stylesheet for the graph layers (network, services): nodes filled with their health
 * colour in their kind's shape, links in theirs, labels only when they are large enough on screen
 * to read (which also keeps big graphs fast).
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
        // The tiers leave room between their columns for names wrapped to two or three lines.
        'font-size': 8,
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'text-max-width': '64px',
        'text-wrap': 'wrap',
        'text-overflow-wrap': 'anywhere',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'node[health = "ok"]', style: { 'background-color': colors.health.ok } },
    { selector: 'node[health = "warning"]', style: { 'background-color': colors.health.warning } },
    { selector: 'node[health = "critical"]', style: { 'background-color': colors.health.critical } },
    ...Object.entries(kindShapes).map(([kind, shape]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { shape },
    })),
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
