import { describe, expect, it } from 'vitest';
import { entityPath, parseRoute, type Route, routePath } from './route';

describe('routes', () => {
  it('reads the paths of each view', () => {
    expect(parseRoute('/', '')).toEqual({ view: 'overview' });
    expect(parseRoute('/topology', '')).toEqual({ view: 'topology' });
    expect(parseRoute('/topology/physical', '?focus=host%3Aweb-01')).toEqual({
      view: 'topology',
      layer: 'physical',
      focus: 'host:web-01',
    });
    expect(parseRoute('/entities/host:web-01', '')).toEqual({ view: 'entity', id: 'host:web-01' });
    expect(parseRoute('/entities/rack:dc1/a/r01', '')).toEqual({ view: 'entity', id: 'rack:dc1/a/r01' });
    expect(parseRoute('/nowhere', '')).toEqual({ view: 'not-found', path: '/nowhere' });
    expect(parseRoute('/entities/%E0%A4%A', '')).toMatchObject({ view: 'not-found' });
  });

  it('writes entity ids readably, escaping only what would change the URL', () => {
    expect(entityPath('rack:dc1/a/r01')).toBe('/entities/rack:dc1/a/r01');
    expect(entityPath('service:a b?c#d%')).toBe('/entities/service:a%20b%3Fc%23d%25');
  });

  it('reads back every path it writes', () => {
    const routes: Route[] = [
      { view: 'overview' },
      { view: 'topology' },
      { view: 'topology', layer: 'physical', focus: 'cooling-unit:dc1/a-crah-1' },
      { view: 'entity', id: 'volume:db-02/var' },
      { view: 'entity', id: 'service:odd name?#%' },
    ];
    for (const route of routes) {
      const url = new URL(routePath(route), 'http://twin');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});
