import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Page as ApiPage,
  Entity,
  List,
  ScenarioResult,
  ScenarioSummary,
} from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The scenarios view as a user meets it: `infratwin demo` serving the built UI, driven in
// Debian's Chromium at 1280×800. Scenarios are made through the view's own forms and their
// results read against the API's. Screenshots land in test-artifacts/ui/scenarios-*.png.

const adminToken = 'itw_ui-scenarios-admin-token-0123456789';
const availability = chromiumAvailability();

describe.skipIf(availability === 'skip')('the scenarios view in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];
  const forks: { traffic?: string; failure?: string } = {};

  const api = <T>(path: string, init: RequestInit = {}) => callApi<T>(server.url, adminToken, path, init);
  const shoot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `scenarios-${name}.png`), fullPage: true });
  const expectNoConsoleProblems = () => expect(consoleProblems).toEqual([]);
  const signIn = async (token: string) => {
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  /** The fork of the result page the browser shows, once it shows one. */
  const resultFork = async () => {
    await page.waitForURL(/\/scenarios\/fork-[^/]+$/, { timeout: 30_000 });
    return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
  };
  const headroom = (side: 'base' | 'scenario') => page.locator(`.headroom-${side} .headroom-figure`);
  const rowCells = (key: string) => page.locator(`.diff-table tr[data-key="${key}"] td`);
  const filterDiff = (text: string) => page.getByLabel('Filter by entity or metric').fill(text);

  /** The headroom figures and the rows of a metric the page shows equal the API's result. */
  const expectResultMatches = async (result: ScenarioResult, metric: string, unit: RegExp) => {
    for (const side of ['base', 'scenario'] as const) {
      const figure = headroom(side);
      expect(Number(await figure.getAttribute('data-multiplier'))).toBe(result.headroom[side].multiplier);
      expect(await figure.textContent()).toContain(`×${result.headroom[side].multiplier.toFixed(2)}`);
    }
    const first = result.headroom.scenario.bottlenecks[0];
    if (first)
      expect(await page.locator('.headroom-scenario .first-bottleneck').textContent()).toContain(
        first.entity,
      );

    await page.getByLabel('Only what changed').uncheck();
    const metrics = result.entities.reduce((sum, entity) => sum + Object.keys(entity.metrics).length, 0);
    await filterDiff('');
    // A row per entity and metric; a broken limit the predictions leave out adds one of its own.
    const allShown = async () => {
      const text = (await page.locator('.diff-filters [role="status"]').textContent()) ?? '';
      const [shown, all] = text.replaceAll(',', '').match(/\d+/g)?.map(Number) ?? [];
      return (
        shown === all && all !== undefined && all >= metrics && all <= metrics + result.violations.length
      );
    };
    await expect.poll(allShown).toBe(true);
    await filterDiff(metric);
    const withMetric = result.entities.filter((entity) => entity.metrics[metric] !== undefined);
    expect(withMetric.length).toBeGreaterThan(0);
    // The text filter also keeps metrics whose name holds this one (replica_cpu_utilization).
    await expect
      .poll(() => page.locator(`.diff-table tbody tr[data-key$=" ${metric}"]`).count())
      .toBe(withMetric.length);
    for (const entity of withMetric) {
      const comparison = entity.metrics[metric] as { base: number | null; scenario: number | null };
      const cells = rowCells(`${entity.id} ${metric}`);
      expect(await cells.nth(2).getAttribute('data-value')).toBe(String(comparison.base ?? 'Infinity'));
      expect(await cells.nth(3).getAttribute('data-value')).toBe(String(comparison.scenario ?? 'Infinity'));
      // In words, in the metric's unit (the formatting itself is tested in scenario-format.test.ts).
      for (const cell of [cells.nth(2), cells.nth(3)]) expect(await cell.textContent()).toMatch(unit);
    }
  };

  beforeAll(async () => {
    demo = await startDemoInChromium('scenarios', ['--hosts', '40', '--tick', '500'], adminToken);
    ({ server, browser } = demo);
    page = await openWatchedPage(browser, consoleProblems);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('opens from the navigation with the new-scenario form and an empty list', async () => {
    await page.goto(`${server.url}/`);
    await signIn(adminToken);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Scenarios' }).click();
    await page.getByRole('heading', { name: 'Scenarios', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/scenarios');
    await page.getByRole('region', { name: 'New scenario' }).waitFor();
    await expect
      .poll(() => page.getByRole('region', { name: 'Earlier runs' }).textContent())
      .toContain('No scenario has run');
    expectNoConsoleProblems();
  });

  it('runs "traffic +50 %" from its template and shows the API’s result beside the live twin', async () => {
    expect(await page.getByRole('radio', { name: 'Traffic +X %' }).isChecked()).toBe(true);
    const percent = page.getByLabel('More traffic (%)');
    await percent.fill('-150');
    await expect.poll(() => page.locator('.field-problem').textContent()).toContain('between −100');
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Run scenario' }).isDisabled()).toBe(true);
    await percent.fill('50');
    const spec = JSON.parse(await page.getByLabel('Scenario spec (JSON)').inputValue());
    expect(spec).toEqual({
      name: 'traffic +50 %',
      description: 'every entry point: ×1.5 traffic',
      steps: [{ traffic: { multiplier: 1.5 } }],
    });
    await shoot('new-traffic');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    forks.traffic = await resultFork();
    await page.getByRole('heading', { name: 'traffic +50 %', level: 1 }).waitFor();
    const result = await api<ScenarioResult>(`/api/scenarios/${forks.traffic}`);
    expect(result.scenario.name).toBe('traffic +50 %');
    await expectResultMatches(result, 'latency_p99_seconds', /^[\d.,]+ (µs|ms|s)$|^∞$/);
    // The p99 bars always; the hosts' distribution when the model changed some (it needs their telemetry).
    expect(await page.getByRole('img', { name: /^p99 latency per service: / }).count()).toBe(1);
    await filterDiff('');
    await page.getByLabel('Only what changed').check();
    await shoot('traffic-result');
    expectNoConsoleProblems();
  });

  it('sorts the diff table by a column and filters it to broken limits', async () => {
    const header = page.getByRole('columnheader', { name: 'Change %' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.getByLabel(/^Only broken limits/).check();
    const result = await api<ScenarioResult>(`/api/scenarios/${forks.traffic}`);
    const breaches = page.locator('.diff-table tbody tr');
    // Every limit the API says broke is a row here, whatever it changed.
    await page.getByLabel('Only what changed').uncheck();
    const entities = async () =>
      new Set(
        await breaches.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')?.split(' ')[0])),
      );
    const broken = [...new Set(result.violations.map((violation) => violation.entity))].sort();
    await expect
      .poll(async () => [...(await entities())].sort(), { message: JSON.stringify(result.violations) })
      .toEqual(broken);
    await page.getByLabel(/^Only broken limits/).uncheck();
    expectNoConsoleProblems();
  });

  it('shows the API’s problems with their field, and runs "fail <rack>" picked from the estate', async () => {
    const rack = (await api<ApiPage<Entity>>('/api/entities?kind=rack&limit=1')).items[0] as Entity;
    await page.getByRole('link', { name: 'All scenarios' }).click();
    await page.getByRole('heading', { name: 'Scenarios', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Fail X' }).check();
    await page.getByLabel('Kind').selectOption('rack');
    const what = page.getByLabel('What fails');
    await expect.poll(() => page.locator('.picker-count').textContent()).toMatch(/\d+ racks in the twin/);

    // A rack the twin does not have: the server refuses it, naming the field.
    await what.fill('rack:nowhere/r99');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    const alert = page.locator('.run-failure');
    await expect.poll(() => alert.textContent()).toContain('steps[0].fail.entity');
    expect(await what.getAttribute('aria-invalid')).toBe('true');
    await shoot('api-problem');
    // Chromium reports the 400 it fetched, the only console message this may cause.
    const refused = consoleProblems.splice(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/status of 400 .*\/api\/scenarios\)$/);

    // Found by part of its name, as a user types it.
    await what.fill(rack.name);
    await what.blur();
    await expect.poll(() => what.inputValue()).toBe(rack.id);
    await page.getByRole('button', { name: 'Run scenario' }).click();
    forks.failure = await resultFork();
    await page.getByRole('heading', { name: `fail ${rack.id}`, level: 1 }).waitFor();
    const result = await api<ScenarioResult>(`/api/scenarios/${forks.failure}`);
    await expectResultMatches(result, 'cpu_utilization', /^[\d.,e+-]+ %$|^∞$/);
    // The rack's hosts stopped, others took their replicas: utilisation changes both ways.
    const hosts = result.entities.filter((entity) => entity.kind === 'host');
    expect(hosts.some((host) => host.metrics.cpu_utilization?.scenario === 0)).toBe(true);
    expect(hosts.some((host) => (host.metrics.cpu_utilization?.change ?? 0) > 0)).toBe(true);
    await filterDiff('latency_p99_seconds');
    const services = result.entities.filter((entity) => entity.metrics.latency_p99_seconds !== undefined);
    await expect.poll(() => page.locator('.diff-table tbody tr').count()).toBe(services.length);
    // The cascade, step by step.
    const chain = page.getByRole('region', { name: 'Cascade' }).locator('li.chain-step');
    await expect.poll(() => chain.count()).toBe(Math.min(result.chain.length, 40));
    expect(await chain.first().textContent()).toContain(rack.id);
    await filterDiff('');
    await page.getByRole('region', { name: 'Through time' }).locator('canvas').first().waitFor();
    await shoot('failure-result');
    expectNoConsoleProblems();
  });

  it('lists both runs, each linked to its result, and a result deep link survives a reload', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Scenarios' }).click();
    const runs = page.getByRole('region', { name: 'Earlier runs' });
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(2);
    const listed = await api<List<ScenarioSummary>>('/api/scenarios');
    expect(
      await runs.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-fork'))),
    ).toEqual(listed.items.map((item) => item.fork));
    await shoot('list');
    await runs.getByRole('link', { name: 'traffic +50 %' }).click();
    await page.getByRole('heading', { name: 'traffic +50 %', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${forks.traffic}`);
    await page.reload();
    await page.getByRole('heading', { name: 'traffic +50 %', level: 1 }).waitFor();
    const result = await api<ScenarioResult>(`/api/scenarios/${forks.traffic}`);
    expect(Number(await headroom('scenario').getAttribute('data-multiplier'))).toBe(
      result.headroom.scenario.multiplier,
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('traffic-result-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expectNoConsoleProblems();
  });

  it('shows a viewer every result but no run controls', async () => {
    const viewer = await api<{ secret: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'scenarios-viewer', role: 'viewer' }),
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(viewer.secret);
    await expect
      .poll(() => page.getByRole('region', { name: 'Signed in' }).textContent())
      .toContain('viewer');
    await page.goto(`${server.url}/scenarios`);
    await page.getByRole('heading', { name: 'Scenarios', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByRole('region', { name: 'Earlier runs' }).locator('tbody tr').count())
      .toBe(2);
    expect(await page.getByRole('button', { name: 'Run scenario' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'New scenario' }).count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);
    await page.getByRole('link', { name: /^fail / }).click();
    await headroom('scenario').waitFor();
    expect(await page.getByRole('button', { name: 'Run scenario' }).count()).toBe(0);
    await shoot('viewer');
    expectNoConsoleProblems();
  });
});
