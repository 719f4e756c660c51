import type { Health } from '../../contract';

/** An entity as a topology layer shows it: enough to draw, colour, find and link it. */
export interface GraphNode {
  id: string;
  name: string;
  kind: string;
  health: Health;
}
