/**
 * The UI's places, each with a path that survives a reload and can be shared. Adding a view
 * means a variant here, its path in both functions below, and an entry in shell/views.tsx.
 */
export type Route =
  | { view: 'overview' }
  | { view: 'topology'; layer?: string; focus?: string }
  | { view: 'datacenter'; room?: string; rack?: string }
  // `query`: the filter as views/alerts/alert-filter.ts writes it, without `?`
  | { view: 'alerts'; query?: string }
  // `jewel`: the crown jewel shown, by id
  | { view: 'attack'; jewel?: string }
  // `fork`: the scenario result shown, by its fork id
  | { view: 'scenarios'; fork?: string }
  | { view: 'entity'; id: string }
  | { view: 'not-found'; path: string };

const entityPrefix = '/entities/';
const scenariosPrefix = '/scenarios/';
const datacenterPrefix = '/datacenter/';

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { view: 'overview' };
  if (pathname === '/topology' || pathname.startsWith('/topology/')) {
    const layer = pathname.slice('/topology/'.length) || undefined;
    const focus = new URLSearchParams(search).get('focus') ?? undefined;
    return { view: 'topology', ...(layer ? { layer } : {}), ...(focus ? { focus } : {}) };
  }
  if (pathname === datacenterPrefix.slice(0, -1) || pathname.startsWith(datacenterPrefix)) {
    const room = decodePathPart(pathname.slice(datacenterPrefix.length));
    const rack = new URLSearchParams(search).get('rack') ?? undefined;
    if (room !== undefined)
      return { view: 'datacenter', ...(room ? { room } : {}), ...(rack ? { rack } : {}) };
  }
  if (pathname === '/alerts') {
    const query = search.startsWith('?') ? search.slice(1) : search;
    return query ? { view: 'alerts', query } : { view: 'alerts' };
  }
  if (pathname === '/attack') {
    const jewel = new URLSearchParams(search).get('jewel') ?? undefined;
    return jewel ? { view: 'attack', jewel } : { view: 'attack' };
  }
  if (pathname === '/scenarios') return { view: 'scenarios' };
  if (pathname.startsWith(scenariosPrefix) && pathname.length > scenariosPrefix.length) {
    const fork = decodePathPart(pathname.slice(scenariosPrefix.length));
    if (fork !== undefined) return { view: 'scenarios', fork };
  }
  if (pathname.startsWith(entityPrefix) && pathname.length > entityPrefix.length) {
    const id = decodePathPart(pathname.slice(entityPrefix.length));
    if (id !== undefined) return { view: 'entity', id };
  }
  return { view: 'not-found', path: pathname };
}

export function routePath(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '/';
    case 'topology': {
      const path = route.layer ? `/topology/${encodeURIComponent(route.layer)}` : '/topology';
      return route.focus ? `${path}?focus=${encodeURIComponent(route.focus)}` : path;
    }
    case 'datacenter': {
      const path = route.room ? datacenterPrefix + readableId(route.room) : '/datacenter';
      return route.rack ? `${path}?rack=${encodeURIComponent(route.rack)}` : path;
    }
    case 'alerts':
      return route.query ? `/alerts?${route.query}` : '/alerts';
    case 'attack':
      return route.jewel ? `/attack?jewel=${encodeURIComponent(route.jewel)}` : '/attack';
    case 'scenarios':
      return route.fork ? scenariosPrefix + encodeURIComponent(route.fork) : '/scenarios';
    case 'entity':
      return entityPath(route.id);
    case 'not-found':
      return route.path;
  }
}

/**
 * `/entities/rack:dc1/a/r01`: ids keep their readable `:` and `/` (the API reads raw slashes
 * too); everything else that has a meaning in a URL is escaped.
 */
export function entityPath(id: string): string {
  return entityPrefix + encodeURIComponent(id).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** An id as a readable path part: `room:dc1/a` keeps its `:` and `/`. */
function readableId(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

function decodePathPart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
