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
    expect(parseRoute('/alerts', '')).toEqual({ view: 'alerts' });
    expect(parseRoute('/alerts', '?status=resolved&kind=disk-full')).toEqual({
      view: 'alerts',
      query: 'status=resolved&kind=disk-full',
    });
    expect(parseRoute('/attack', '')).toEqual({ view: 'attack' });
    expect(parseRoute('/attack', '?jewel=database%3Aorders-db')).toEqual({
      view: 'attack',
      jewel: 'database:orders-db',
    });
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
      { view: 'alerts' },
      { view: 'alerts', query: 'status=open,resolved&severity=critical&q=db%2002&alert=alert-7' },
      { view: 'attack' },
      { view: 'attack', jewel: 'service:odd name?#&=%' },
      { view: 'entity', id: 'volume:db-02/var' },
      { view: 'entity', id: 'service:odd name?#%' },
    ];
    for (const route of routes) {
      const url = new URL(routePath(route), 'http://twin');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });

  it('reads and writes the scenario paths: the list, and one result by its fork id', () => {
    expect(parseRoute('/scenarios', '')).toEqual({ view: 'scenarios' });
    expect(parseRoute('/scenarios/fork-1a2b3c4d', '')).toEqual({ view: 'scenarios', fork: 'fork-1a2b3c4d' });
    expect(routePath({ view: 'scenarios', fork: 'fork-1a2b3c4d' })).toBe('/scenarios/fork-1a2b3c4d');
    for (const route of [{ view: 'scenarios' }, { view: 'scenarios', fork: 'fork-odd/id?#%' }] as Route[]) {
      const url = new URL(routePath(route), 'http://twin');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });

  it('reads and writes the data center paths: a room keeps its `:` and `/`, the rack is a query', () => {
    expect(parseRoute('/datacenter', '')).toEqual({ view: 'datacenter' });
    expect(parseRoute('/datacenter/room:dc1/a', '?rack=rack%3Adc1%2Fa%2Fr01')).toEqual({
      view: 'datacenter',
      room: 'room:dc1/a',
      rack: 'rack:dc1/a/r01',
    });
    expect(routePath({ view: 'datacenter', room: 'room:dc1/a' })).toBe('/datacenter/room:dc1/a');
    const routes: Route[] = [
      { view: 'datacenter' },
      { view: 'datacenter', room: 'room:dc1/a' },
      { view: 'datacenter', room: 'room:hall 2?#%', rack: 'rack:hall 2/r#1&x=%' },
      { view: 'datacenter', rack: 'rack:dc1/a/r01' },
    ];
    for (const route of routes) {
      const url = new URL(routePath(route), 'http://twin');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});
