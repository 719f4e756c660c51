import { type ComponentType, lazy } from 'react';
import type { Route } from '../routing/route';

/**
 * Every view of the UI: its component, loaded when first shown (the topology view alone carries
 * Cytoscape.js, the entity page uPlot), and whether the top navigation lists it.
 * A new view is a folder under views/, a route (routing/route.ts) and an entry here.
 */
interface ViewEntry {
  component: ComponentType<{ route: Route }>;
  nav?: { label: string; path: string };
}

const OverviewView = lazy(() =>
  import('../views/overview/overview-view').then((m) => ({ default: m.OverviewView })),
);
const TopologyView = lazy(() =>
  import('../views/topology/topology-view').then((m) => ({ default: m.TopologyView })),
);
const EntityView = lazy(() => import('../views/entity/entity-view').then((m) => ({ default: m.EntityView })));
const AlertsView = lazy(() => import('../views/alerts/alerts-view').then((m) => ({ default: m.AlertsView })));
const AttackView = lazy(() => import('../views/attack/attack-view').then((m) => ({ default: m.AttackView })));
const DatacenterView = lazy(() =>
  import('../views/datacenter/datacenter-view').then((m) => ({ default: m.DatacenterView })),
);
const ScenariosView = lazy(() =>
  import('../views/scenarios/scenarios-view').then((m) => ({ default: m.ScenariosView })),
);
const NotFoundView = lazy(() => import('./not-found-view').then((m) => ({ default: m.NotFoundView })));

export const views: Readonly<Record<Route['view'], ViewEntry>> = {
  overview: { component: OverviewView, nav: { label: 'Overview', path: '/' } },
  topology: { component: TopologyView, nav: { label: 'Topology', path: '/topology' } },
  datacenter: { component: DatacenterView, nav: { label: 'Data center', path: '/datacenter' } },
  alerts: { component: AlertsView, nav: { label: 'Alerts', path: '/alerts' } },
  attack: { component: AttackView, nav: { label: 'Attack paths', path: '/attack' } },
  scenarios: { component: ScenariosView, nav: { label: 'Scenarios', path: '/scenarios' } },
  entity: { component: EntityView },
  'not-found': { component: NotFoundView },
};

/** The views in the top navigation, in order. */
export const navigation = Object.entries(views).flatMap(([view, entry]) =>
  entry.nav ? [{ view: view as Route['view'], ...entry.nav }] : [],
);
