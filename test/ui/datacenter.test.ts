import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ApiPage, Entity, Relation } from '../../src/contract/index.js';
import type { ServerProcess } from '../integration/cli-process.js';
import {
  callApi,
  type DemoInChromium,
  openWatchedPage,
  screenshotDir,
  startDemoInChromium,
} from './browser-session.js';
import { chromiumAvailability } from './chromium.js';

// The data center view as a user meets it: `infratwin demo` (the default 400 hosts in 40 racks,
// four rooms) serving the built UI, driven in Debian's Chromium at 1280×800. Screenshots land in
// test-artifacts/ui/datacenter-*.png.

const adminToken = 'itw_ui-datacenter-admin-token-0123456789';
const availability = chromiumAvailability();

interface Effect {
  entityId: string;
  metric?: string;
  by?: number;
}

describe.skipIf(availability === 'skip')('the data center view in Chromium', () => {
  let demo: DemoInChromium | undefined;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];
  /** Every API request the page makes, to tell a live update from a refetch. */
  const requests: string[] = [];

  const api = <T>(path: string, init: RequestInit = {}) => callApi<T>(server.url, adminToken, path, init);
  const entity = (id: string) => api<Entity>(`/api/entities/${encodeURIComponent(id)}`);
  const contained = async (from: string, toKind?: string) =>
    (
      await api<ApiPage<Relation>>(
        `/api/relations?type=contains&from=${encodeURIComponent(from)}${toKind ? `&toKind=${toKind}` : ''}&limit=10000`,
      )
    ).items.map((relation) => relation.to);
  const inlet = (rack: Entity) => rack.state.metrics.inlet_temperature_celsius?.value;
  const shoot = (name: string) => page.screenshot({ path: join(screenshotDir, `datacenter-${name}.png`) });
  const cell = (rackId: string) => page.locator(`.dc-rack[data-rack-id="${rackId}"]`);
  const shownInlet = async (rackId: string) =>
    Number.parseFloat((await cell(rackId).locator('.dc-rack-reading').textContent()) ?? '');
  /** The cell's painted background (a string function: this file is compiled without the DOM types). */
  const background = '(element) => getComputedStyle(element).backgroundColor';
  const expectNoConsoleProblems = () => expect(consoleProblems).toEqual([]);

  beforeAll(async () => {
    demo = await startDemoInChromium('dc', ['--tick', '500'], adminToken);
    ({ server, browser } = demo);
    page = await openWatchedPage(browser, consoleProblems);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push(url.pathname + url.search);
    });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('lists every room and draws the first one’s racks with the inlet temperatures the API gives', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Access token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data center' }).click();
    await page.getByRole('heading', { name: 'Data center' }).waitFor();

    const rooms = (await api<ApiPage<Entity>>('/api/entities?kind=room&limit=10000')).items;
    expect(rooms.length).toBeGreaterThan(1);
    const picker = page.getByRole('combobox', { name: 'Room' });
    await picker.waitFor();
    const options = await picker
      .locator('option')
      .evaluateAll((list) => list.map((option) => (option as unknown as { value: string }).value));
    expect(options.sort()).toEqual(rooms.map((room) => room.id).sort());

    const room = (await picker.inputValue()) as string;
    const rackIds = await contained(room, 'rack');
    expect(rackIds.length).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.dc-rack').count()).toBe(rackIds.length);
    expect(
      (
        await page
          .locator('.dc-rack')
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-rack-id')))
      ).sort(),
    ).toEqual([...rackIds].sort());
    await expect.poll(() => page.locator('.live-badge').textContent()).toBe('Live');
    // Each rack's text against the API's latest value (the display keeps three digits: 21.4 °C).
    const differences = async () => {
      const racks = await Promise.all(rackIds.map(entity));
      const shown = await Promise.all(rackIds.map(shownInlet));
      return racks.map((rack, index) => Math.abs((inlet(rack) ?? Number.NaN) - (shown[index] as number)));
    };
    await expect
      .poll(async () => Math.max(...(await differences())), { timeout: 15_000, interval: 250 })
      .toBeLessThanOrEqual(0.06);
    // Colour is never the only cue: the legend counts the racks, and each cell describes itself.
    const legendTotal = await page
      .locator('.heat-legend .legend-count')
      .evaluateAll((counts) => counts.reduce((sum, count) => sum + Number(count.textContent), 0));
    expect(legendTotal).toBe(rackIds.length);
    expect(await cell(rackIds[0] as string).getAttribute('aria-label')).toMatch(
      /inlet temperature [\d.]+ °C; power/,
    );
    await shoot('floor');
    expectNoConsoleProblems();
  });

  it('shows power as a share of the budget', async () => {
    await page.getByRole('radio', { name: 'Power' }).check();
    const room = await page.getByRole('combobox', { name: 'Room' }).inputValue();
    const first = (await contained(room, 'rack'))[0] as string;
    const rack = await entity(first);
    const share =
      ((rack.state.metrics.power_watts?.value ?? 0) / (rack.props.powerBudgetWatts as number)) * 100;
    await expect
      .poll(
        async () =>
          Math.abs(
            Number.parseFloat((await cell(first).locator('.dc-rack-reading').textContent()) ?? '') - share,
          ),
        { timeout: 10_000 },
      )
      .toBeLessThan(3);
    await expect
      .poll(() => page.locator('.heat-legend').getAttribute('aria-label'))
      .toBe('Heat map legend: power');
    await shoot('power');
    await page.getByRole('radio', { name: 'Inlet temperature' }).check();
    expectNoConsoleProblems();
  });

  it('opens a rack’s elevation with Enter: its hosts at their positions, each linked to its page', async () => {
    const room = await page.getByRole('combobox', { name: 'Room' }).inputValue();
    const rackId = (await contained(room, 'rack'))[0] as string;
    await cell(rackId).focus();
    await page.keyboard.press('Enter');
    const rack = await entity(rackId);
    await page.getByRole('heading', { name: `Rack ${rack.name}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('rack')).toBe(rackId);
    // The focus follows to the elevation.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(`Rack ${rack.name}`);

    const devices = await Promise.all((await contained(rackId)).map(entity));
    const hosts = devices.filter((device) => device.kind === 'host');
    expect(hosts.length).toBeGreaterThan(0);
    const units = page.getByRole('list', { name: `Units of ${rack.name}, top to bottom` });
    await expect
      .poll(() => units.locator('li[data-entity-id]').count())
      .toBe(devices.filter((device) => typeof device.props.position === 'number').length);
    for (const host of hosts) {
      const slot = units.locator(`li[data-entity-id="${host.id}"]`);
      expect(await slot.getAttribute('data-position')).toBe(String(host.props.position));
      expect(await slot.getAttribute('data-height')).toBe(String(host.props.heightUnits));
      expect(await slot.getByRole('link').getAttribute('href')).toBe(`/entities/${host.id}`);
    }
    // Empty units are drawn too: every unit of the rack is accounted for.
    const covered = await units
      .locator('li')
      .evaluateAll((items) =>
        items.reduce((sum, item) => sum + Number(item.getAttribute('data-height') ?? 1), 0),
      );
    expect(covered).toBe(rack.props.units);
    expect(await units.locator('li.dc-unit-empty').count()).toBeGreaterThan(0);
    // Devices without a position (PDUs, top-of-rack switches, the sensor) are listed, not lost.
    const unplaced = devices.filter((device) => typeof device.props.position !== 'number');
    await expect.poll(() => page.locator('.dc-unlaid li').count()).toBe(unplaced.length);
    await shoot('elevation');
    expectNoConsoleProblems();
  });

  it('recolours a rack live when a cooling unit of its room fails, without refetching the floor', async () => {
    const room = await page.getByRole('combobox', { name: 'Room' }).inputValue();
    const units = (await contained(room)).filter((id) => id.startsWith('cooling-unit:'));
    expect(units.length).toBeGreaterThan(0);
    const fault = await api<{ groundTruth: Effect[] }>('/api/plant/faults', {
      method: 'POST',
      body: JSON.stringify({ type: 'cooling-failure', target: units[0] }),
    });
    const rises = fault.groundTruth
      .filter(
        (effect) => effect.metric === 'inlet_temperature_celsius' && effect.entityId.startsWith('rack:'),
      )
      .sort((a, b) => (b.by ?? 0) - (a.by ?? 0));
    const hottest = rises[0]?.entityId as string;
    expect(hottest).toBeDefined();
    const before = await shownInlet(hottest);
    const styleBefore = await cell(hottest).evaluate(background);
    const levelBefore = await cell(hottest).getAttribute('data-heat-level');
    const requestsBefore = requests.length;
    // The rack warms with a time constant of minutes: its first tenth of a degree shows within seconds.
    await expect.poll(() => shownInlet(hottest), { timeout: 30_000, interval: 250 }).toBeGreaterThan(before);
    const after = await shownInlet(hottest);
    expect(
      Math.abs(after - ((await entity(hottest)).state.metrics.inlet_temperature_celsius?.value ?? 0)),
    ).toBeLessThan(0.2);
    // The colour follows the level: a level change would repaint it, and the same level keeps it.
    const levelAfter = await cell(hottest).getAttribute('data-heat-level');
    const styleAfter = await cell(hottest).evaluate(background);
    if (levelAfter === levelBefore) expect(styleAfter).toBe(styleBefore);
    else expect(styleAfter).not.toBe(styleBefore);
    // It came over the WebSocket: the floor's racks were not fetched again.
    expect(requests.slice(requestsBefore).filter((path) => path.includes('kind=rack'))).toEqual([]);
    await shoot('live');
    expectNoConsoleProblems();
  }, 60_000);

  it('keeps the room and the open rack through a reload of the deep link', async () => {
    const rooms = (await api<ApiPage<Entity>>('/api/entities?kind=room&limit=10000')).items;
    const room = rooms.at(-1) as Entity;
    const rackId = (await contained(room.id, 'rack')).at(-1) as string;
    const rack = await entity(rackId);
    await page.goto(`${server.url}/datacenter/${room.id}?rack=${encodeURIComponent(rackId)}`);
    await page.getByRole('heading', { name: `Rack ${rack.name}` }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `Rack ${rack.name}` }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Room' }).inputValue()).toBe(room.id);
    expect(await cell(rackId).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('Data center · infratwin');
    // Another room from the selector; the rack closes.
    const other = rooms[0] as Entity;
    await page.getByRole('combobox', { name: 'Room' }).selectOption(other.id);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/datacenter/${other.id}`);
    await page.getByRole('heading', { name: `Floor of ${other.name}` }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await cell((await contained(other.id, 'rack'))[0] as string).click();
    await page.locator('.dc-units').waitFor();
    await shoot('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expectNoConsoleProblems();
  });
});
