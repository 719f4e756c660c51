import type { StylesheetJson } from 'cytoscape';
import type { ThemeColors } from '../../theme/theme-colors';

/**
 * The attack graph's stylesheet: the entry, holds and the jewel told apart by shape and colour
 * (with a legend in words beside the graph), steps labelled with their technique and odds, the
 * chosen path drawn thick in the selection colour and everything else faded.
 */
export function attackGraphStyle(colors: ThemeColors): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 26,
        height: 26,
        'background-color': colors.health.unknown,
        label: 'data(label)',
        color: colors.text,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-max-width': '150px',
        'text-wrap': 'ellipsis',
      },
    },
    {
      selector: 'node[role = "entry"]',
      style: { shape: 'triangle', 'background-color': colors.health.warning },
    },
    { selector: 'node[role = "credential"]', style: { shape: 'tag', 'background-color': colors.chartLine } },
    {
      selector: 'node[role = "jewel"]',
      style: { shape: 'star', width: 34, height: 34, 'background-color': colors.health.critical },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': colors.border,
        'target-arrow-color': colors.border,
        'target-arrow-shape': 'triangle',
        label: 'data(label)',
        'font-size': 9,
        color: colors.muted,
        'text-rotation': 'autorotate',
        'text-margin-y': -8,
        'text-background-color': colors.surface,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
      },
    },
    { selector: 'edge[type = "hosts"]', style: { 'line-style': 'dashed' } },
    {
      selector: 'edge:loop',
      style: { 'loop-direction': '-45deg', 'loop-sweep': '-60deg', 'control-point-step-size': 48 },
    },
    { selector: '.faded', style: { opacity: 0.35 } },
    {
      selector: 'edge.on-path',
      style: {
        width: 3.5,
        'line-color': colors.selection,
        'target-arrow-color': colors.selection,
        color: colors.text,
        'font-weight': 'bold',
        'z-index': 10,
      },
    },
    { selector: 'node.on-path', style: { 'border-width': 3, 'border-color': colors.selection } },
    { selector: 'edge.chosen', style: { 'line-style': 'solid', width: 5 } },
    { selector: 'node.chosen', style: { 'border-width': 5 } },
  ];
}
