// What every browser test of the UI does alike: a page at 1280×800 whose console errors, warnings
// and uncaught exceptions are collected (the UI must cause none), and calls to the API with a token.
import type { Browser, Page } from 'playwright-core';

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
