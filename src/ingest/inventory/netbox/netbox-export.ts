// A NetBox export saved to disk, read into the shape the API client returns. Two layouts:
//
//   one JSON file, an object keyed by endpoint path:
//     { "netbox-version": "4.2.1", "dcim/sites": [...], "dcim/devices": {"count": 2, "results": [...]} }
//   a directory of files named after the endpoints, one each:
//     dcim-sites.json, dcim-devices.json, ipam-ip-addresses.json, status.json (optional)
//
// An endpoint holds either the `results` array or a page as the API answers it (`{count, next,
// previous, results}`: save a page fetched with `?limit=0`, or concatenate results). Keys may be
// written `dcim/devices`, `/api/dcim/devices/` or `dcim-devices`. The version, which decides the
// unit of a VM's disk, comes from `netbox-version` (or `version`), or a `status` object as
// `/api/status/` answers it. A file saved from `fetchNetbox` (`{version, results: {...}}`) reads too.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord } from '../json-fields.js';
import { isNetboxEndpoint, type NetboxEndpoint, type NetboxExport } from './netbox-objects.js';

const apps = ['dcim', 'ipam', 'virtualization'];

/** The endpoint a key or file name stands for: `dcim/devices`, `/api/dcim/devices/`, `dcim-devices.json`. */
export function endpointOfName(name: string): NetboxEndpoint | undefined {
  const trimmed = name
    .trim()
    .replace(/\.json$/i, '')
    .replace(/^\/?(?:api\/)?/, '')
    .replace(/\/$/, '')
    .toLowerCase();
  if (isNetboxEndpoint(trimmed)) return trimmed;
  const app = apps.find(
    (candidate) => trimmed.startsWith(`${candidate}-`) || trimmed.startsWith(`${candidate}_`),
  );
  if (app === undefined) return undefined;
  const endpoint = `${app}/${trimmed.slice(app.length + 1).replace(/_/g, '-')}`;
  return isNetboxEndpoint(endpoint) ? endpoint : undefined;
}

/** The items of one endpoint's value: an array, or a page with `results`. */
function resultsOf(value: unknown, path: string, problems: InventoryProblem[]): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.results)) {
    if (typeof value.next === 'string' && value.next !== '') {
      problems.push({
        path,
        message: `a page with more after it (next: ${value.next}); only its ${value.results.length} results are read`,
      });
    }
    return value.results;
  }
  problems.push({ path, message: 'neither a results array nor a page with results: ignored' });
  return undefined;
}

function versionOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  if (isRecord(value)) return versionOf(value['netbox-version']);
  return undefined;
}

const versionKeys = new Set(['netbox-version', 'version', 'status']);

/** Reads an export held in one JSON value (see the file's head for the layout). */
export function parseNetboxExport(json: unknown): NetboxExport {
  const problems: InventoryProblem[] = [];
  if (!isRecord(json)) {
    return {
      results: {},
      problems: [{ path: '$', message: 'a NetBox export is an object keyed by endpoint' }],
    };
  }
  const saved = isRecord(json.results) ? json.results : undefined;
  const entries = Object.entries(saved ?? json);
  const results: Partial<Record<NetboxEndpoint, unknown[]>> = {};
  let version: string | undefined;
  for (const key of versionKeys) version ??= versionOf(json[key]);
  for (const [key, value] of entries) {
    if (saved === undefined && versionKeys.has(key)) continue;
    const endpoint = endpointOfName(key);
    if (endpoint === undefined) {
      problems.push({ path: key, message: 'not a NetBox endpoint this importer reads: ignored' });
      continue;
    }
    const items = resultsOf(value, key, problems);
    if (items) results[endpoint] = [...(results[endpoint] ?? []), ...items];
  }
  return { ...(version !== undefined && { version }), results, problems };
}

/** Reads an export from a JSON file or a directory of endpoint files. */
export async function readNetboxExport(path: string): Promise<NetboxExport> {
  if (!(await stat(path)).isDirectory()) {
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return {
        results: {},
        problems: [{ path: `file: ${basename(path)}`, message: `not JSON: ${(error as Error).message}` }],
      };
    }
    return parseNetboxExport(json);
  }
  const problems: InventoryProblem[] = [];
  const results: Partial<Record<NetboxEndpoint, unknown[]>> = {};
  let version: string | undefined;
  const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  for (const name of names) {
    const where = `file: ${basename(name)}`;
    const endpoint = endpointOfName(name);
    const isStatus = /^status\.json$/i.test(name);
    if (endpoint === undefined && !isStatus) {
      problems.push({
        path: where,
        message: 'not named after a NetBox endpoint this importer reads: ignored',
      });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(path, name), 'utf8'));
    } catch (error) {
      problems.push({ path: where, message: `not JSON: ${(error as Error).message}` });
      continue;
    }
    if (endpoint === undefined) {
      version = versionOf(json);
      continue;
    }
    const items = resultsOf(json, where, problems);
    if (items) results[endpoint] = [...(results[endpoint] ?? []), ...items];
  }
  return { ...(version !== undefined && { version }), results, problems };
}
