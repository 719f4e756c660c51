import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (scripts/install-peers.sh): Playwright's own browser download cannot run here. */
export const chromiumPath = '/usr/bin/chromium';

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Whether the browser tests can run: without Chromium they skip with a loud warning, except
 * under CI=true, where a missing peer is a failure (as for the other peers).
 */
export function chromiumAvailability(): 'present' | 'skip' | 'fail' {
  if (existsSync(chromiumPath)) return 'present';
  if (process.env.CI === 'true') return 'fail';
  process.stderr.write(
    `\n*** ${chromiumPath} is missing: the web UI tests in Chromium are SKIPPED. ` +
      'Install it with scripts/install-peers.sh (apt-get install chromium). ***\n\n',
  );
  return 'skip';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: flags });
}
