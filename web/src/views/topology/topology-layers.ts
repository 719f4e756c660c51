import type { ElementDefinition } from 'cytoscape';
import type { TwinApi } from '../../api/twin-api';
import type { Operation } from '../../contract';
import type { GraphNode } from './graph-node';
import { loadNetworkLayer, networkLayerAffectedBy } from './network-layer';
import { loadPhysicalLayer, physicalLayerAffectedBy } from './physical-layer';
import type { PlanScene } from './plan-scene';
import { loadServiceLayer, serviceLayerAffectedBy } from './service-layer';

/**
 * How a layer is drawn: the physical layer as a plan of nested boxes on a canvas of its own, the
 * others as graphs by Cytoscape.js (loaded only when such a layer is shown).
 */
export type LayerDrawing =
  | { type: 'plan'; scene: PlanScene }
  | { type: 'graph'; elements: ElementDefinition[] };

/** What a layer draws: its entities (to find and follow live) and how to draw them. */
export interface LayerData {
  nodes: GraphNode[];
  drawing: LayerDrawing;
  /** One line on what is drawn: "2,212 entities in 2 sites". */
  description: string;
  /** Entities drawn as edges (a network link), recoloured live but not counted or found. */
  edgeEntities?: GraphNode[];
  /** The same layer with more drawn (the network's hosts), behind a checkbox of this label. */
  alternate?: { label: string; data: LayerData };
}

export interface TopologyLayer {
  id: string;
  label: string;
  /** What the layer shows, for its picker. */
  hint: string;
  /** Absent while the layer is planned but not built. */
  load?: (api: TwinApi, signal: AbortSignal) => Promise<LayerData>;
  /** Whether a change set alters what the layer draws (so it offers a redraw); absent, any does. */
  affectedBy?: (ops: readonly Operation[]) => boolean;
}

/**
 * The layers of the topology view. A new layer is an entry here with its loader, which answers
 * nodes and a drawing (placed as suits it); search, health colours, live
 * updates and the click-through work for it unchanged.
 */
export const topologyLayers: readonly TopologyLayer[] = [
  {
    id: 'physical',
    label: 'Physical',
    hint: 'site → room → rack → host → VM and container',
    load: loadPhysicalLayer,
    affectedBy: physicalLayerAffectedBy,
  },
  {
    id: 'network',
    label: 'Network',
    hint: 'routers, firewalls, switches and load balancers joined by their links; hosts on demand',
    load: loadNetworkLayer,
    affectedBy: networkLayerAffectedBy,
  },
  {
    id: 'services',
    label: 'Services',
    hint: 'the call graph: services and what they call, from the entry points down',
    load: loadServiceLayer,
    affectedBy: serviceLayerAffectedBy,
  },
];

export const defaultLayerId = 'physical';
