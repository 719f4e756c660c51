import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Page as ApiPage, Entity, KindAccuracy, List } from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The alerts and predictions view (web/src/views/alerts) in Debian's Chromium at 1280×800,
// against `infratwin demo` with plant faults injected so that real alerts open. Screenshots go to
// test-artifacts/ui/alerts-*.png.

const adminToken = 'itw_ui-alerts-admin-token-0123456789';
const availability = chromiumAvailability();

describe.skipIf(availability === 'skip')('the alerts view in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let coolingUnits: Entity[];
  /** Console errors and warnings, and uncaught exceptions: the view must cause none. */
  const consoleProblems: string[] = [];

  const api = <T>(path: string, init: RequestInit = {}) => callApi<T>(server.url, adminToken, path, init);
  const apiAlerts = async (query: string) => (await api<List<Alert>>(`/api/alerts?${query}`)).items;
  const evaluate = () => api('/api/predictions/evaluate', { method: 'POST', body: '{}' });
  const injectCoolingFailure = (target: string) =>
    api('/api/plant/faults', { method: 'POST', body: JSON.stringify({ type: 'cooling-failure', target }) });
  const shoot = (name: string) => page.screenshot({ path: join(screenshotDir, `alerts-${name}.png`) });
  const rows = () => page.locator('.alert-table tbody tr');
  const shownIds = async () =>
    (await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-alert-id') ?? ''))).sort();
  const signIn = async (token: string) => {
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const expectNoConsoleProblems = () => expect(consoleProblems).toEqual([]);

  beforeAll(async () => {
    demo = await startDemoInChromium('alerts', ['--hosts', '40', '--tick', '500'], adminToken);
    ({ server, browser } = demo);
    coolingUnits = (await api<ApiPage<Entity>>('/api/entities?kind=cooling-unit&limit=2')).items;
    expect(coolingUnits).toHaveLength(2);
    // A stopped cooling unit: the unit's own alert, its room's lost N+1; lint findings come too.
    await injectCoolingFailure(coolingUnits[0]!.id);
    for (let tries = 0; (await apiAlerts('kind=cooling-failure')).length === 0; tries += 1) {
      if (tries === 20) throw new Error('the stopped cooling unit raised no alert in 20 s');
      await evaluate();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

    page = await openWatchedPage(browser, consoleProblems);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('lists the alerts the API lists, most severe first, and moves between them by keyboard', async () => {
    await page.goto(`${server.url}/`);
    await signIn(adminToken);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts and predictions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/alerts');
    await expect.poll(() => page.locator('.live-badge').textContent()).toBe('Live');
    // The default page: what still asks for attention.
    await expect
      .poll(async () => {
        const truth = (await apiAlerts('status=open,acknowledged')).map((alert) => alert.id).sort();
        return truth.length > 0 && JSON.stringify(await shownIds()) === JSON.stringify(truth);
      })
      .toBe(true);
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const severities = (await rows().locator('.severity').allTextContents()).map((text) => rank[text]);
    expect(severities).toEqual([...severities].sort());

    // Arrow keys move the selection, which the URL keeps.
    const first = rows().nth(0).getByRole('button');
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const secondId = await rows().nth(1).getAttribute('data-alert-id');
    await expect.poll(() => new URL(page.url()).searchParams.get('alert')).toBe(secondId);
    expect(await rows().nth(1).getByRole('button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByRole('heading', { name: `Details of ${secondId}` }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Evidence' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('alert')).toBeNull();
    await shoot('list');
    expectNoConsoleProblems();
  });

  it('filters through the form into the URL, and the filtered list survives a reload', async () => {
    await page.getByLabel('Kind').selectOption('cooling-failure');
    await page.getByLabel('Resolved').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('cooling-failure');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('status'))
      .toBe('open,acknowledged,resolved');
    const matchesApi = async () => {
      const truth = (await apiAlerts('status=open,acknowledged,resolved&kind=cooling-failure'))
        .map((alert) => alert.id)
        .sort();
      return JSON.stringify(await shownIds()) === JSON.stringify(truth) ? truth.length : -1;
    };
    await expect.poll(matchesApi).toBe(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Alerts and predictions' }).waitFor();
    expect(await page.getByLabel('Kind').inputValue()).toBe('cooling-failure');
    expect(await page.getByLabel('Resolved').isChecked()).toBe(true);
    await expect.poll(matchesApi).toBe(1);

    // Text is matched in the page; the URL keeps it too.
    await page.getByLabel('Text').fill(coolingUnits[0]!.name);
    await page.getByLabel('Text').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(coolingUnits[0]!.name);
    await expect.poll(() => rows().count()).toBe(1);
    expectNoConsoleProblems();
  });

  it('lets an admin acknowledge an alert: the UI and the API agree', async () => {
    const [alert] = await apiAlerts('kind=cooling-failure');
    if (alert === undefined) throw new Error('no cooling-failure alert');
    const row = page.locator(`.alert-table tr[data-alert-id="${alert.id}"]`);
    await row.getByRole('button').click();
    await page.getByRole('heading', { name: `Details of ${alert.id}` }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.locator('.alert-status').textContent()).toBe('acknowledged');
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `Acknowledged ${alert.id}` })
          .count(),
      )
      .toBe(1);
    const after = await api<Alert>(`/api/alerts/${alert.id}`);
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedBy).toBeTruthy();
    // Acknowledged, it can still be resolved, not acknowledged again.
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(1);
    await shoot('acknowledged');
    expectNoConsoleProblems();
  });

  it("shows the server's problem detail when an action is refused", async () => {
    const detail = 'the alert was resolved meanwhile (test)';
    await page.route('**/api/alerts/*/resolve', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail }),
      }),
    );
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: detail }).count()).toBe(1);
    await page.unroute('**/api/alerts/*/resolve');
    // Chromium reports the refused request on the console; that one is expected.
    const refused = consoleProblems.splice(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/status of 409/);
  });

  it('shows a new alert live, without a reload', async () => {
    await page.getByLabel('Text').fill('');
    await page.getByLabel('Text').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBeNull();
    await page.evaluate('window.__sameDocument = true');
    const second = coolingUnits[1]!;
    await injectCoolingFailure(second.id);
    await expect
      .poll(
        async () => {
          await evaluate();
          return page.locator('.alert-table').textContent();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toContain(`cooling unit ${second.name} stopped`);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await expect
      .poll(async () =>
        (await apiAlerts('status=open,acknowledged,resolved&kind=cooling-failure')).map((a) => a.id).sort(),
      )
      .toEqual(await shownIds());
    await shoot('live');
    expectNoConsoleProblems();
  });

  it('shows the accuracy per prediction kind the API gives', async () => {
    const kinds = (await api<List<KindAccuracy>>('/api/predictions/accuracy')).items.map((row) => row.kind);
    expect(kinds.length).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: "Accuracy of the twin's predictions per kind" });
    await expect
      .poll(async () => (await table.locator('tbody th').allTextContents()).sort())
      .toEqual([...kinds].sort());
    expectNoConsoleProblems();
  });

  it('shows a viewer the alerts and their details but no action', async () => {
    const viewer = await api<{ secret: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'ui-alerts-viewer', role: 'viewer' }),
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    const [alert] = await apiAlerts('status=open&kind=cooling-failure');
    if (alert === undefined) throw new Error('no open cooling-failure alert');
    await page.goto(`${server.url}/alerts?kind=cooling-failure&alert=${alert.id}`);
    await signIn(viewer.secret);
    await page.getByRole('heading', { name: `Details of ${alert.id}` }).waitFor();
    await expect
      .poll(() => page.getByRole('region', { name: 'Signed in' }).textContent())
      .toContain('viewer');
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Acknowledge|Resolve/ }).count()).toBe(0);
    await shoot('viewer');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await shoot('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expectNoConsoleProblems();
  });
});
