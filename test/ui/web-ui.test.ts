import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ApiPage, Entity, TwinSummary } from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The web UI as a user meets it: `infratwin demo` serving the built UI, driven in Debian's
// Chromium at 1280×800. Screenshots of each view land in test-artifacts/ui/.

const adminToken = 'itw_ui-test-admin-token-0123456789';
const availability = chromiumAvailability();

describe.skipIf(availability === 'skip')('the web UI in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  /** Console errors and warnings, and uncaught exceptions: the UI must cause none. */
  const consoleProblems: string[] = [];

  const api = <T>(path: string, init: RequestInit = {}) => callApi<T>(server.url, adminToken, path, init);
  const firstOfKind = async (kind: string) =>
    (await api<ApiPage<Entity>>(`/api/entities?kind=${kind}&limit=1`)).items[0] as Entity;
  const injectCoolingFailure = (target: string) =>
    api('/api/plant/faults', { method: 'POST', body: JSON.stringify({ type: 'cooling-failure', target }) });
  const shoot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  /** The number a tile of the overview shows ("2,548" → 2548). */
  const tile = async (label: string) =>
    Number((await page.locator(`.tile:has(dt:text-is("${label}")) dd`).textContent())?.replaceAll(',', ''));
  const expectNoConsoleProblems = () => expect(consoleProblems).toEqual([]);

  beforeAll(async () => {
    demo = await startDemoInChromium('web', ['--hosts', '40', '--tick', '500'], adminToken);
    ({ server, browser } = demo);
    page = await openWatchedPage(browser, consoleProblems);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('refuses a bad token with an error that says what to do', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Access token').fill('itw_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This token is unknown or revoked');
    await shoot('sign-in-refused');
    // The one console message a bad token may cause: Chromium reports every 4xx it fetches.
    const refused = consoleProblems.splice(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/status of 401 .*\/api\/session\)$/);
  });

  it('signs in with the admin token and shows the overview with the counts the API gives', async () => {
    await page.getByLabel('Access token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Signed in' }).textContent()).toContain('admin');
    // Read against the API each time: another demo on this machine can add entities over MQTT.
    const shownAndTrue = async () => {
      const summary = await api<TwinSummary>('/api/summary');
      const hostRow = page.locator('.kind-table tr:has(th:text-is("host"))');
      return {
        entities: [await tile('Entities'), summary.entities],
        relations: [await tile('Relations'), summary.relations],
        hosts: [Number(await hostRow.locator('td').first().textContent()), summary.byKind.host?.total],
      };
    };
    await expect
      .poll(async () => Object.values(await shownAndTrue()).every(([shown, truth]) => shown === truth))
      .toBe(true);
    expect((await shownAndTrue()).hosts[0]).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.live-badge').textContent()).toBe('Live');
    await shoot('overview');
    expectNoConsoleProblems();
  });

  it('draws the physical topology, finds an entity, and recolours it live when the plant breaks', async () => {
    const cooling = await firstOfKind('cooling-unit');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Topology' }).click();
    await page.locator('.health-legend').waitFor();
    const legend = (health: string) =>
      page.locator(`.health-legend li:has(.legend-label:text-is("${health}")) .legend-count`).textContent();
    const sites = (await api<TwinSummary>('/api/summary')).byKind.site?.total ?? 0;
    const description = page.locator('.topology-side > p').first();
    await expect.poll(() => description.textContent()).toMatch(new RegExp(`entities in ${sites} sites?$`));
    const drawn = Number((await description.textContent())?.split(' ')[0]?.replaceAll(',', ''));
    const legendTotal = await Promise.all(['critical', 'warning', 'ok', 'unknown'].map(legend));
    expect(legendTotal.reduce((sum, count) => sum + Number(count), 0)).toBe(drawn);

    await page.getByRole('combobox', { name: 'Find an entity' }).fill(cooling.name);
    await page.getByRole('button', { name: 'Find' }).click();
    const card = page.locator('.entity-card');
    await expect.poll(() => card.textContent()).toContain(cooling.id);
    expect(page.url()).toContain(`focus=${encodeURIComponent(cooling.id)}`);
    await expect.poll(() => page.locator('.live-badge').textContent()).toBe('Live');
    const criticalBefore = Number(await legend('critical'));

    await injectCoolingFailure(cooling.id);
    await expect
      .poll(() => card.locator('.health-badge').textContent(), { timeout: 15_000 })
      .toBe('critical');
    await expect.poll(async () => Number(await legend('critical'))).toBeGreaterThan(criticalBefore);
    await shoot('topology');
    expectNoConsoleProblems();
  });

  it('opens the entity page from the map, with live values and charts', async () => {
    const cooling = await firstOfKind('cooling-unit');
    expect(await page.getByRole('link', { name: 'Open the entity page' }).getAttribute('href')).toBe(
      `/entities/${cooling.id}`,
    );
    // Find centred the cooling unit in the map: a click there opens its page.
    const map = await page.locator('.graph-canvas').boundingBox();
    if (map === null) throw new Error('the map is not on the page');
    await page.waitForTimeout(400);
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await page.getByRole('heading', { name: cooling.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/entities/${cooling.id}`);
    await expect.poll(() => page.locator('td[data-metric="fan_speed_ratio"]').textContent()).toBe('0 %');

    const host = await firstOfKind('host');
    await page.goto(`${server.url}/entities/${host.id}`);
    await page.getByRole('heading', { name: host.name }).waitFor();
    const cpu = page.locator('td[data-metric="cpu_utilization"]');
    const firstValue = await cpu.textContent();
    await expect.poll(() => cpu.textContent(), { timeout: 15_000 }).not.toBe(firstValue);
    await expect.poll(() => page.locator('figure.metric-chart').count()).toBeGreaterThan(3);
    await page.getByRole('radio', { name: '15 min' }).check();
    await expect.poll(() => page.locator('figure.metric-chart canvas').count()).toBeGreaterThan(3);
    const relations = page.getByRole('region', { name: 'Relations' });
    await expect.poll(() => relations.getByRole('link').count()).toBeGreaterThan(1);
    // Its change history is the API's: the demo estate's import wrote it.
    const history = await api<{ items: Array<{ seq: number; actor: string }> }>(
      `/api/changes?entity=${encodeURIComponent(host.id)}&limit=20`,
    );
    const changes = page.getByRole('list', { name: 'Change history' });
    // The page shows the newest 20, as asked of the API (the plant keeps writing: compare the oldest).
    await expect.poll(() => changes.getByRole('listitem').count()).toBe(history.items.length);
    expect(await changes.getByRole('button', { name: `#${history.items.at(-1)?.seq}` }).count()).toBe(1);
    await changes.getByRole('button', { name: `#${history.items[0]?.seq}` }).click();
    await expect.poll(() => changes.locator('.change-ops li').count()).toBeGreaterThan(0);
    await shoot('entity');
    expectNoConsoleProblems();
  });

  it('reloads a deep link to an entity whose id holds slashes', async () => {
    const rack = await firstOfKind('rack');
    await page.goto(`${server.url}/entities/${rack.id}`);
    await page.getByRole('heading', { name: rack.name }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: rack.name }).waitFor();
    expect(await page.title()).toBe(`${rack.name} · infratwin`);
    expectNoConsoleProblems();
  });

  it('follows the twin live on the overview: health counts and new alerts arrive without a reload', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(() => page.locator('.live-badge').textContent()).toBe('Live');
    const coolingUnits = (await api<ApiPage<Entity>>('/api/entities?kind=cooling-unit&limit=2')).items;
    const second = coolingUnits[1] as Entity;
    const criticalBefore = await tile('Critical');

    await injectCoolingFailure(second.id);
    await expect.poll(() => tile('Critical'), { timeout: 15_000 }).toBeGreaterThan(criticalBefore);
    await api('/api/predictions/evaluate', { method: 'POST', body: '{}' });
    const alerts = page.getByRole('list', { name: 'Most pressing alerts' });
    await expect
      .poll(() => alerts.textContent(), { timeout: 15_000 })
      .toContain(`cooling unit ${second.name} stopped`);
    await shoot('overview-live');
    expectNoConsoleProblems();
  });

  it("follows the system's dark theme", async () => {
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).not.toBe(light);
    await shoot('overview-dark');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Topology' }).click();
    await page.locator('.health-legend').waitFor();
    await page.waitForTimeout(500);
    await shoot('topology-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expectNoConsoleProblems();
  });

  it('signs out, and a viewer signs in as a viewer', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    const viewer = await api<{ secret: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'ui-viewer', role: 'viewer' }),
    });
    await page.getByLabel('Access token').fill(viewer.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Signed in' }).textContent())
      .toContain('viewer');
    expectNoConsoleProblems();
  });
});
