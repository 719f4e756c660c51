/**
 * The UI's places, each with a path that survives a reload and can be shared. Adding a view
 * means a variant here, its path in both functions below, and an entry in shell/views.tsx.
 */
export type Route =
  | { view: 'overview' }
  | { view: 'topology'; layer?: string; focus?: string }
  | { view: 'entity'; id: string }
  | { view: 'not-found'; path: string };

const entityPrefix = '/entities/';

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { view: 'overview' };
  if (pathname === '/topology' || pathname.startsWith('/topology/')) {
    const layer = pathname.slice('/topology/'.length) || undefined;
    const focus = new URLSearchParams(search).get('focus') ?? undefined;
    return { view: 'topology', ...(layer ? { layer } : {}), ...(focus ? { focus } : {}) };
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

function decodePathPart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
