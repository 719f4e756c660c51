// What every browser test of the UI does alike: the demo server and Chromium started and stopped,
// a page at 1280×800 whose console errors, warnings and uncaught exceptions are collected (the UI
// must cause none), and calls to the API with a token.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  projectRoot,
  type ServerProcess,
  startServerProcess,
  stopProcess,
} from '../integration/cli-process.js';
import { chromiumAvailability, launchChromium } from './chromium.js';
import { ensureWebBuild } from './web-build.js';

/** A new page in a context of its own, reporting its console problems into `problems`. */
export async function openWatchedPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return page;
}

/** One API call with a bearer token; a non-2xx answer throws with its status and body. */
export async function callApi<T>(
  base: string,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Where the browser tests keep their screenshots (git-ignored). */
export const screenshotDir = join(projectRoot, 'test-artifacts', 'ui');

export interface DemoInChromium {
  server: ServerProcess;
  browser: Browser;
  /** Closes the browser, stops the server and removes its database. */
  close(): Promise<void>;
}

/**
 * What each browser test file starts with: Chromium present (under CI=true its absence fails the
 * run), the UI built, `infratwin demo` with these arguments and a known admin token in a
 * database of its own, and Chromium, started side by side.
 */
export async function startDemoInChromium(
  name: string,
  demoArgs: readonly string[],
  adminToken: string,
): Promise<DemoInChromium> {
  if (chromiumAvailability() === 'fail')
    throw new Error('CI=true and /usr/bin/chromium is missing: run scripts/install-peers.sh');
  ensureWebBuild();
  mkdirSync(screenshotDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `infratwin-ui-${name}-`));
  const [server, browser] = await Promise.all([
    startServerProcess(['demo', '--db', join(dir, 'demo.db'), ...demoArgs], {
      INFRATWIN_ADMIN_TOKEN: adminToken,
    }),
    launchChromium(),
  ]);
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await stopProcess(server.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
