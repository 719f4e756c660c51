import type { Route } from '../routing/route';
import { type LazyView, lazyView } from './lazy-view';

/**
 * Every view of the UI: its component, loaded when first shown or when the browser is idle (each
 * view's code is its own chunk: the graph layers carry Cytoscape.js, the entity page uPlot), and
 * whether the top navigation lists it.
 * A new view is a folder under views/, a route (routing/route.ts) and an entry here.
 */
interface ViewEntry {
  view: LazyView;
  nav?: { label: string; path: string };
}

const OverviewView = lazyView(() => import('../views/overview/overview-view').then((m) => m.OverviewView));
const TopologyView = lazyView(() => import('../views/topology/topology-view').then((m) => m.TopologyView));
const EntityView = lazyView(() => import('../views/entity/entity-view').then((m) => m.EntityView));
const AlertsView = lazyView(() => import('../views/alerts/alerts-view').then((m) => m.AlertsView));
const AttackView = lazyView(() => import('../views/attack/attack-view').then((m) => m.AttackView));
const DatacenterView = lazyView(() =>
  import('../views/datacenter/datacenter-view').then((m) => m.DatacenterView),
);
const ScenariosView = lazyView(() =>
  import('../views/scenarios/scenarios-view').then((m) => m.ScenariosView),
);
const NotFoundView = lazyView(() => import('./not-found-view').then((m) => m.NotFoundView));

export const views: Readonly<Record<Route['view'], ViewEntry>> = {
  overview: { view: OverviewView, nav: { label: 'Overview', path: '/' } },
  topology: { view: TopologyView, nav: { label: 'Topology', path: '/topology' } },
  datacenter: { view: DatacenterView, nav: { label: 'Data center', path: '/datacenter' } },
  alerts: { view: AlertsView, nav: { label: 'Alerts', path: '/alerts' } },
  attack: { view: AttackView, nav: { label: 'Attack paths', path: '/attack' } },
  scenarios: { view: ScenariosView, nav: { label: 'Scenarios', path: '/scenarios' } },
  entity: { view: EntityView },
  'not-found': { view: NotFoundView },
};

/** The views in the top navigation, in order. */
export const navigation = Object.entries(views).flatMap(([view, entry]) =>
  entry.nav ? [{ view: view as Route['view'], ...entry.nav }] : [],
);

/** Loads the code of every view, one after the other, so that none waits for it when shown. */
export async function preloadViews(): Promise<void> {
  for (const view of [
    TopologyView,
    OverviewView,
    AlertsView,
    DatacenterView,
    EntityView,
    ScenariosView,
    AttackView,
  ]) {
    await view.preload().catch(() => undefined);
  }
}
