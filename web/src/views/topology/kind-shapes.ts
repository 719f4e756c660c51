/** A node's outline, by the names Cytoscape.js gives them (the plan draws the same ones). */
export type KindShape =
  | 'round-rectangle'
  | 'rectangle'
  | 'ellipse'
  | 'hexagon'
  | 'diamond'
  | 'octagon'
  | 'barrel'
  | 'triangle';

/** Shapes that tell kinds apart at a glance, in every layer; every other kind is a rounded square. */
export const kindShapes: Readonly<Record<string, KindShape>> = {
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

export function shapeOf(kind: string): KindShape {
  return kindShapes[kind] ?? 'round-rectangle';
}
