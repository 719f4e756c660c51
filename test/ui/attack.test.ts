import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackAnalysisResult, DefenseEvaluationResult } from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The attack paths view against the demo's real security facts (segments, CVEs, a crown-jewel
// database), in Chromium at 1280×800. Screenshots land in test-artifacts/ui/attack-*.png.

const adminToken = 'itw_ui-attack-admin-token-0123456789';
const availability = chromiumAvailability();
/** What the view asks (views/attack/attack-view.tsx, `listedPaths`). */
const request = { maxPaths: 8 };

type Jewel = AttackAnalysisResult['jewels'][number];
type Step = NonNullable<Jewel['mostLikely']>['steps'][number];
type Fix = NonNullable<AttackAnalysisResult['hardening']>['fixes'][number];

// Written again here rather than imported from web/ (another module system): the UI must show
// probabilities as this does, and try the fixes the API maps them to (docs/attack.md).
function percent(probability: number): string {
  const value = probability * 100;
  if (value === 0 || value === 100) return `${value} %`;
  if (value < 0.1) return '<0.1 %';
  if (value > 99.9) return '>99.9 %';
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
}
const stepTarget = (step: Step) => /^[A-Za-z]+\(([^,)]+)/.exec(step.gains)?.[1] ?? step.entities[0];
const defenseOfFix = (fix: Fix) =>
  ({
    patch: { patchRelation: fix.target },
    'block-rule': { blockRule: fix.target },
    'rotate-credential': { rotateCredential: fix.target },
    'remove-trust': { removeTrust: fix.target },
    'remove-exposure': { unexpose: fix.target },
  })[fix.kind];

describe.skipIf(availability === 'skip')('the attack paths view in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let analysis: AttackAnalysisResult;
  let jewel: Jewel;
  const consoleProblems: string[] = [];

  const api = <T>(path: string, init: RequestInit = {}) => callApi<T>(server.url, adminToken, path, init);
  const signIn = async (on: Page, token: string) => {
    await on.goto(`${server.url}/`);
    await on.getByLabel('Access token').fill(token);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.getByRole('heading', { name: 'Overview' }).waitFor();
  };
  const shoot = (name: string, on: Page = page) =>
    on.screenshot({ path: join(screenshotDir, `attack-${name}.png`), fullPage: true });
  /** The rendered Cytoscape instance's highlighted path: its steps' gains and its nodes. */
  const highlighted = (on: Page) =>
    // A string, not a function: the tests compile without the DOM's types. Cytoscape keeps its
    // instance on the container (`_cyreg`), which is how this reads the graph as drawn.
    on.evaluate<{ gains: string[]; nodes: string[] } | undefined>(`(() => {
      const cy = document.querySelector('.attack-graph-canvas')?._cyreg?.cy;
      if (cy === undefined) return undefined;
      return {
        gains: cy.edges('.on-path[type = "step"]').map((edge) => String(edge.data('gains'))),
        nodes: cy.nodes('.on-path').map((node) => node.id()),
      };
    })()`);
  /** An attribute of each element a locator matches. */
  const attributes = async (locator: Locator, name: string) =>
    Promise.all((await locator.all()).map((element) => element.getAttribute(name)));

  beforeAll(async () => {
    demo = await startDemoInChromium('attack', ['--hosts', '40', '--tick', '1000'], adminToken);
    ({ server, browser } = demo);
    page = await openWatchedPage(browser, consoleProblems);
    analysis = await api<AttackAnalysisResult>('/api/attack/analyses', {
      method: 'POST',
      body: JSON.stringify(request),
    });
    const reachable = analysis.jewels.filter((candidate) => candidate.reachable);
    expect(reachable.length).toBeGreaterThan(0);
    jewel = reachable.sort((a, b) => (b.odds?.probability ?? 0) - (a.odds?.probability ?? 0))[0] as Jewel;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('lists the crown jewels and draws the most likely path to the one most at risk', async () => {
    await signIn(page, adminToken);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Attack paths' }).click();
    await page.getByRole('heading', { name: 'Attack paths' }).waitFor();
    const select = page.getByRole('combobox', { name: 'Crown jewel' });
    await expect.poll(() => select.inputValue()).toBe(jewel.id);
    // The view writes its default choice into the URL in an effect after the first paint.
    await expect.poll(() => new URL(page.url()).searchParams.get('jewel')).toBe(jewel.id);
    const options = await attributes(select.locator('option'), 'value');
    expect(options.sort()).toEqual(analysis.jewels.map((each) => each.id).sort());

    // The ranked list: as many paths as the API lists, the most likely one chosen.
    const paths = page.getByRole('group', { name: /^Ranked paths/ });
    await expect.poll(() => paths.getByRole('radio').count()).toBe(jewel.paths.length);
    expect(await paths.getByRole('radio').first().isChecked()).toBe(true);
    expect(await paths.locator('label').first().textContent()).toContain(
      percent(jewel.paths[0]?.probability ?? 0),
    );

    // The figures: reach odds with their interval, the most likely path, the shortest.
    const odds = jewel.odds;
    if (odds === undefined) throw new Error('the demo analysis has no Monte Carlo odds');
    const oddsText = await page.locator('[data-figure="odds"]').textContent();
    expect(oddsText).toContain(percent(odds.probability));
    expect(oddsText).toContain(`${percent(odds.low)}–${percent(odds.high)}`);
    const mostLikely = jewel.mostLikely;
    if (mostLikely === undefined) throw new Error('no most likely path');
    expect(await page.locator('[data-figure="most-likely"]').textContent()).toBe(
      percent(mostLikely.probability),
    );

    // Its steps, in words beside the graph and highlighted in the rendered graph.
    const steps = page.getByRole('list', { name: 'Steps of path 1' }).locator('li');
    expect(await attributes(steps, 'data-gains')).toEqual(mostLikely.steps.map((step) => step.gains));
    expect(await attributes(steps, 'data-target')).toEqual(mostLikely.steps.map(stepTarget));
    await expect
      .poll(async () => (await highlighted(page))?.gains.sort())
      .toEqual(mostLikely.steps.map((step) => step.gains).sort());
    const drawn = await highlighted(page);
    for (const step of mostLikely.steps) expect(drawn?.nodes).toContain(stepTarget(step));
    expect(drawn?.nodes).toContain(jewel.id);

    // The hardening set, as the API computed it.
    const fixes = page.getByRole('list', { name: 'Minimal hardening set' }).locator('li');
    expect(await fixes.count()).toBe(analysis.hardening?.fixes.length);
    for (const fix of analysis.hardening?.fixes ?? []) {
      expect(await page.getByRole('list', { name: 'Minimal hardening set' }).textContent()).toContain(fix.id);
    }
    await page.waitForTimeout(300);
    await shoot('graph');
    expect(consoleProblems).toEqual([]);
  });

  it('shows a step’s evidence and its derivation, and moves between paths from the keyboard', async () => {
    const mostLikely = jewel.mostLikely as NonNullable<Jewel['mostLikely']>;
    const last = mostLikely.steps.at(-1) as (typeof mostLikely.steps)[number];
    const steps = page.getByRole('list', { name: 'Steps of path 1' });
    await steps.getByRole('button').last().click();
    const evidence = page.getByRole('region', { name: 'Evidence of the step' });
    await expect.poll(() => evidence.textContent()).toContain(last.evidence[0]?.fact ?? '');
    await evidence.getByRole('button', { name: /^Explain how the attacker gets/ }).click();
    const tree = evidence.getByRole('list', { name: /^How the attacker gets/ });
    await expect.poll(() => tree.textContent()).toContain(last.gains);
    await shoot('evidence');

    if (jewel.paths.length > 1) {
      const radios = page.getByRole('group', { name: /^Ranked paths/ }).getByRole('radio');
      await radios.first().focus();
      await page.keyboard.press('ArrowDown');
      expect(await radios.nth(1).isChecked()).toBe(true);
      const second = jewel.paths[1] as NonNullable<Jewel['mostLikely']>;
      await expect
        .poll(async () => (await highlighted(page))?.gains.sort())
        .toEqual(second.steps.map((step) => step.gains).sort());
      await page.keyboard.press('ArrowUp');
      expect(await radios.first().isChecked()).toBe(true);
    }
    expect(consoleProblems).toEqual([]);
  });

  it('evaluates the hardening set on a fork and shows the API’s before and after', async () => {
    const hardening = analysis.hardening?.fixes ?? [];
    expect(hardening.length).toBeGreaterThan(0);
    const panel = page.getByRole('region', { name: 'Try a defense on a fork' });
    for (const fix of hardening)
      expect(await panel.getByRole('checkbox', { name: fix.description }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: /^Evaluate \d+ defenses? on a fork$/ }).click();
    const result = panel.getByRole('region', { name: 'Before and after' });
    await result.waitFor({ timeout: 20_000 });

    // The same evaluation through the API: same options, same seed, so the same figures.
    const truth = await api<DefenseEvaluationResult>('/api/attack/defenses', {
      method: 'POST',
      body: JSON.stringify({ ...request, defenses: hardening.map(defenseOfFix) }),
    });
    const row = truth.comparison.jewels.find((each) => each.id === jewel.id);
    if (row === undefined) throw new Error('the comparison has no row for the jewel');
    const table = result.locator(`table[data-jewel="${jewel.id}"]`);
    const cells = async (figure: string) =>
      (await table.locator(`tr[data-figure="${figure}"] td`).allTextContents()).map((text) => text.trim());
    expect(await cells('reachable')).toEqual([
      row.reachableBefore ? 'yes' : 'no',
      row.reachableAfter ? 'yes' : 'no',
    ]);
    expect(await cells('paths')).toEqual([String(row.pathsBefore), String(row.pathsAfter)]);
    expect(await cells('shortest')).toEqual([
      String(row.shortestBefore ?? '—'),
      String(row.shortestAfter ?? '—'),
    ]);
    const odds = await cells('odds');
    expect(odds[0]).toContain(percent(row.probabilityBefore ?? 0));
    expect(odds[1]).toContain(row.probabilityAfter === null ? '—' : percent(row.probabilityAfter));
    expect((await cells('cut-opened'))[1]).toBe(`${row.pathsCut.length} / ${row.pathsOpened.length}`);
    // The demo's hardening set protects its jewel: it is no longer reachable, or at lower odds.
    expect(!row.reachableAfter || (row.probabilityAfter ?? 0) < (row.probabilityBefore ?? 0)).toBe(true);
    expect(await table.locator('caption').textContent()).toMatch(/no longer reachable|lower odds/);
    expect(await result.getByRole('status').textContent()).toMatch(/fork-/);
    await result.scrollIntoViewIfNeeded();
    await shoot('defense');
    expect(consoleProblems).toEqual([]);
  });

  it('reloads a deep link to a jewel, and follows the dark theme', async () => {
    await page.goto(`${server.url}/attack?jewel=${encodeURIComponent(jewel.id)}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Attack paths' }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Crown jewel' }).inputValue()).toBe(jewel.id);
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: /^Ranked paths/ })
          .getByRole('radio')
          .count(),
      )
      .toBe(jewel.paths.length);
    expect(await page.title()).toBe('Attack paths · infratwin');
    await page.goto(`${server.url}/attack?jewel=nothing:here`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('There is no crown jewel “nothing:here”');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/attack?jewel=${encodeURIComponent(jewel.id)}`);
    await page.locator('.attack-graph-canvas canvas').first().waitFor();
    await page.waitForTimeout(300);
    await shoot('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(consoleProblems).toEqual([]);
  });

  it('shows a viewer the paths but no defense control', async () => {
    const viewer = await api<{ secret: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'ui-attack-viewer', role: 'viewer' }),
    });
    const viewerPage = await openWatchedPage(browser, consoleProblems);
    await signIn(viewerPage, viewer.secret);
    await viewerPage.goto(`${server.url}/attack?jewel=${encodeURIComponent(jewel.id)}`);
    await expect
      .poll(() =>
        viewerPage
          .getByRole('group', { name: /^Ranked paths/ })
          .getByRole('radio')
          .count(),
      )
      .toBe(jewel.paths.length);
    await expect
      .poll(async () => (await highlighted(viewerPage))?.gains.length)
      .toBe(jewel.mostLikely?.steps.length);
    expect(await viewerPage.getByRole('region', { name: 'Try a defense on a fork' }).count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: /on a fork/ }).count()).toBe(0);
    expect(await viewerPage.getByRole('checkbox').count()).toBe(0);
    expect(await viewerPage.getByText('Trying defenses on a fork needs the operator role.').count()).toBe(1);
    await shoot('viewer', viewerPage);
    await viewerPage.context().close();
    expect(consoleProblems).toEqual([]);
  });
});
