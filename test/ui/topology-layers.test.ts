import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ApiPage, Entity, ImpactReport, Relation } from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The topology's layers and the blast radius, against `infratwin demo`, in
// Debian's Chromium at 1280×800. Screenshots land in test-artifacts/ui/topology-*.png.

const adminToken = 'itw_ui-test-admin-token-0123456789';
const availability = chromiumAvailability();

/** What the drawing on the page shows (its `snapshot()`). */
interface Drawn {
  nodes: Array<{ id: string; kind: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
  impact: string[];
  dimmed: number;
  zoom: number;
  pan: { x: number; y: number };
}

describe.skipIf(availability === 'skip')('the topology layers in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];

  const api = <T>(path: string) => callApi<T>(server.url, adminToken, path);
  const total = async (kind: string) =>
    (await api<ApiPage<Entity>>(`/api/entities?kind=${kind}&limit=1`)).total;
  const shoot = (name: string) => page.screenshot({ path: join(screenshotDir, `topology-${name}.png`) });
  // A string, not a function: the tests compile without the DOM's types. The drawing hangs on its
  // container (web/src/views/topology/topology-drawing.ts, `drawingHandle`).
  const drawn = () =>
    page.evaluate<Drawn | undefined>(`(() => {
      const drawing = document.querySelector('.graph-canvas')?.topologyDrawing;
      return drawing === undefined ? undefined : drawing.snapshot();
    })()`);
  const drawnNow = async () => {
    const graph = await drawn();
    if (graph === undefined) throw new Error('no graph drawn');
    return graph;
  };

  beforeAll(async () => {
    demo = await startDemoInChromium('topology', ['--hosts', '40', '--tick', '500'], adminToken);
    ({ server, browser } = demo);
    page = await openWatchedPage(browser, consoleProblems);
    await page.goto(`${server.url}/`);
    await page.getByLabel('Access token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('draws the physical layer as a plan: every site, room, rack, host and guest, and its blast radius', async () => {
    await page.goto(`${server.url}/topology`);
    const description = page.locator('.topology-side > p').first();
    await expect.poll(() => description.textContent()).toMatch(/entities in \d+ sites?$/);
    const count = Number((await description.textContent())?.split(' ')[0]?.replaceAll(',', ''));
    await expect.poll(async () => (await drawn())?.nodes.length).toBe(count);
    const plan = await drawnNow();
    expect(plan.edges).toEqual([]);
    const ids = new Set(plan.nodes.map((node) => node.id));
    for (const kind of ['site', 'room', 'rack', 'host', 'vm', 'container']) {
      const all = (await api<ApiPage<Entity>>(`/api/entities?kind=${kind}&limit=10000`)).items;
      expect(all.length).toBeGreaterThan(0);
      for (const entity of all) expect(ids.has(entity.id)).toBe(true);
    }
    await shoot('physical');

    // From the keyboard: the map takes focus, arrows move it, + zooms, 0 fits it all again.
    const fitted = await drawnNow();
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await drawnNow()).pan.x).toBeLessThan(fitted.pan.x);
    await page.keyboard.press('+');
    await expect.poll(async () => (await drawnNow()).zoom).toBeGreaterThan(fitted.zoom);
    await page.keyboard.press('0');
    await expect.poll(async () => (await drawnNow()).zoom).toBeCloseTo(fitted.zoom, 6);

    const rack = (await api<ApiPage<Entity>>('/api/entities?kind=rack&limit=1')).items[0] as Entity;
    await page.goto(`${server.url}/topology?focus=${encodeURIComponent(rack.id)}`);
    await expect.poll(() => page.locator('.entity-card').textContent()).toContain(rack.id);
    await page.getByRole('button', { name: 'What if this fails' }).click();
    await page.locator('.blast-radius-count').waitFor();
    const report = await api<ImpactReport>(`/api/entities/${encodeURIComponent(rack.id)}/impact`);
    const expected = report.affected
      .map((entity) => entity.id)
      .filter((id) => id !== rack.id && ids.has(id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const marked = await drawnNow();
    expect([...marked.impact].sort()).toEqual(expected);
    expect(marked.dimmed).toBe(plan.nodes.length - expected.length - 1);
    await shoot('physical-blast-radius');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => (await drawnNow()).dimmed).toBe(0);
    expect(consoleProblems).toEqual([]);
  });

  it('draws the network layer: every switch, router, firewall and load balancer, hosts on demand', async () => {
    await page.goto(`${server.url}/topology/network`);
    const devices =
      (await total('switch')) +
      (await total('router')) +
      (await total('firewall')) +
      (await total('load-balancer'));
    await expect.poll(async () => (await drawn())?.nodes.length).toBe(devices);
    const fabric = await drawnNow();
    expect(fabric.nodes.some((node) => node.kind === 'host')).toBe(false);
    // Links are collapsed into edges: no link is a node, and every edge joins two drawn devices.
    expect(fabric.nodes.some((node) => node.kind === 'link')).toBe(false);
    const ids = new Set(fabric.nodes.map((node) => node.id));
    expect(fabric.edges.length).toBeGreaterThan(0);
    for (const edge of fabric.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    await page.getByRole('button', { name: 'Fit all' }).click();
    await shoot('network');

    const hosts = await total('host');
    await page.getByRole('checkbox', { name: 'Show hosts' }).check();
    await expect.poll(async () => (await drawn())?.nodes.length).toBe(devices + hosts);
    await shoot('network-hosts');
    expect(consoleProblems).toEqual([]);
  });

  it('draws the service layer: the services and one edge per depends-on among what is drawn', async () => {
    await page.getByRole('radio', { name: 'Services' }).check();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/topology/services');
    const services = (await api<ApiPage<Entity>>('/api/entities?kind=service&limit=10000')).items;
    await expect
      .poll(async () => (await drawn())?.nodes.filter((node) => node.kind === 'service').length)
      .toBe(services.length);
    const graph = await drawnNow();
    const ids = new Set(graph.nodes.map((node) => node.id));
    for (const service of services) expect(ids.has(service.id)).toBe(true);
    const dependsOn = (await api<ApiPage<Relation>>('/api/relations?type=depends-on&limit=10000')).items;
    const among = dependsOn.filter((relation) => ids.has(relation.from) && ids.has(relation.to));
    expect(graph.edges.map((edge) => edge.id).sort()).toEqual(among.map((relation) => relation.id).sort());
    // Every drawn node other than a service is something a service calls.
    const callees = new Set(
      dependsOn.filter((relation) => ids.has(relation.from)).map((relation) => relation.to),
    );
    for (const node of graph.nodes) if (node.kind !== 'service') expect(callees.has(node.id)).toBe(true);
    await page.getByRole('button', { name: 'Fit all' }).click();
    await shoot('services');
    expect(consoleProblems).toEqual([]);
  });

  it('highlights the blast radius of a ToR switch as the impact endpoint gives it, and clears it', async () => {
    const switches = (await api<ApiPage<Entity>>('/api/entities?kind=switch&limit=10000')).items;
    const tor = switches.find((entity) => entity.props.role === 'tor') as Entity;
    expect(tor).toBeDefined();
    await page.goto(`${server.url}/topology/network?focus=${encodeURIComponent(tor.id)}`);
    await expect.poll(() => page.locator('.entity-card').textContent()).toContain(tor.id);
    await page.getByRole('checkbox', { name: 'Show hosts' }).check();
    await expect.poll(async () => (await drawn())?.nodes.some((node) => node.kind === 'host')).toBe(true);

    // From the keyboard: focus the button and press Enter.
    const ask = page.getByRole('button', { name: 'What if this fails' });
    await ask.focus();
    await page.keyboard.press('Enter');
    const count = page.locator('.blast-radius-count');
    await count.waitFor();

    const report = await api<ImpactReport>(`/api/entities/${encodeURIComponent(tor.id)}/impact`);
    const graph = await drawnNow();
    const drawnIds = new Set([...graph.nodes.map((node) => node.id), ...graph.edges.map((edge) => edge.id)]);
    const expected = report.affected
      .map((entity) => entity.id)
      .filter((id) => id !== tor.id && drawnIds.has(id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...graph.impact].sort()).toEqual(expected);
    expect(graph.dimmed).toBeGreaterThan(0);
    expect(await count.textContent()).toContain(`${expected.length} in the network layer`);
    const listed = await page
      .locator('.blast-radius-list li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-entity-id') ?? ''));
    expect(listed.sort()).toEqual(expected);
    await shoot('blast-radius');

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => (await drawnNow()).dimmed).toBe(0);
    expect((await drawnNow()).impact).toEqual([]);
    expect(await count.count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });
});
