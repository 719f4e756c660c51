import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointOfName, parseNetboxExport, readNetboxExport } from './netbox-export.js';
import { readNetboxObjects } from './netbox-objects.js';
import { netboxSmallSample } from './netbox-samples.fixture.js';

const page = (results: unknown[], next: string | null = null) => ({
  count: results.length,
  next,
  previous: null,
  results,
});

describe('endpointOfName', () => {
  it('reads the ways an endpoint is written', () => {
    expect(endpointOfName('dcim/devices')).toBe('dcim/devices');
    expect(endpointOfName('/api/dcim/devices/')).toBe('dcim/devices');
    expect(endpointOfName('dcim-devices.json')).toBe('dcim/devices');
    expect(endpointOfName('ipam-ip-addresses.json')).toBe('ipam/ip-addresses');
    expect(endpointOfName('virtualization_virtual_machines')).toBe('virtualization/virtual-machines');
    expect(endpointOfName('dcim-power-feeds')).toBe('dcim/power-feeds');
    expect(endpointOfName('dcim-widgets')).toBeUndefined();
    expect(endpointOfName('status.json')).toBeUndefined();
  });
});

describe('parseNetboxExport', () => {
  it('reads one object keyed by endpoint, with arrays or pages, and a version', () => {
    const exported = parseNetboxExport({
      'netbox-version': '3.7.8',
      'dcim/sites': [{ id: 1, name: 'dc1', slug: 'dc1' }],
      '/api/dcim/racks/': page([{ id: 1, name: 'R1', site: { id: 1 } }]),
      'dcim/widgets': [],
      'dcim/devices': 'nope',
    });
    expect(exported.version).toBe('3.7.8');
    expect(exported.results['dcim/sites']).toHaveLength(1);
    expect(exported.results['dcim/racks']).toHaveLength(1);
    expect(exported.problems).toEqual([
      { path: 'dcim/widgets', message: 'not a NetBox endpoint this importer reads: ignored' },
      { path: 'dcim/devices', message: 'neither a results array nor a page with results: ignored' },
    ]);
  });

  it('says when a saved page is only the first of several', () => {
    const exported = parseNetboxExport({
      'dcim/sites': page([{ id: 1 }], 'https://nb/api/dcim/sites/?offset=1'),
    });
    expect(exported.problems).toEqual([
      {
        path: 'dcim/sites',
        message:
          'a page with more after it (next: https://nb/api/dcim/sites/?offset=1); only its 1 results are read',
      },
    ]);
  });

  it('reads what fetchNetbox returned, saved as JSON, as the sample it came from', () => {
    const sample = netboxSmallSample();
    const reread = parseNetboxExport(JSON.parse(JSON.stringify(sample)));
    expect(reread.version).toBe('4.2.1');
    expect(readNetboxObjects(reread)).toEqual(readNetboxObjects(sample));
  });

  it('refuses what is not an object', () => {
    expect(parseNetboxExport([]).problems).toEqual([
      { path: '$', message: 'a NetBox export is an object keyed by endpoint' },
    ]);
  });
});

describe('readNetboxExport', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads a directory of endpoint files, pages or arrays, and status.json', async () => {
    dir = await mkdtemp(join(tmpdir(), 'netbox-export-'));
    const sample = netboxSmallSample();
    await writeFile(
      join(dir, 'dcim-sites.json'),
      JSON.stringify(page([...(sample.results['dcim/sites'] ?? [])])),
    );
    await writeFile(join(dir, 'dcim-devices.json'), JSON.stringify(sample.results['dcim/devices']));
    await writeFile(
      join(dir, 'status.json'),
      JSON.stringify({ 'netbox-version': '4.1.3', 'python-version': '3.12' }),
    );
    await writeFile(join(dir, 'ipam-vlans.json'), '{"results": [');
    await writeFile(join(dir, 'notes.json'), '{}');
    await writeFile(join(dir, 'README.md'), 'not read');
    const exported = await readNetboxExport(dir);
    expect(exported.version).toBe('4.1.3');
    expect(exported.results['dcim/sites']).toHaveLength(2);
    expect(exported.results['dcim/devices']).toHaveLength(8);
    expect(exported.problems?.map((problem) => problem.path)).toEqual([
      'file: ipam-vlans.json',
      'file: notes.json',
    ]);
    expect(exported.problems?.[0]?.message).toMatch(/^not JSON: /);
  });

  it('reads one JSON file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'netbox-export-'));
    const file = join(dir, 'netbox.json');
    await writeFile(file, JSON.stringify({ 'dcim/sites': [{ id: 1, name: 'dc1', slug: 'dc1' }] }));
    expect((await readNetboxExport(file)).results['dcim/sites']).toHaveLength(1);
    await writeFile(file, 'garbage');
    expect((await readNetboxExport(file)).problems?.[0]?.path).toBe('file: netbox.json');
  });
});
