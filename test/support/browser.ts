import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../src/http/console.route.ts';

/**
 * A real Chromium for the console's browser tests: Debian's `chromium` (installed by
 * .ci/run when missing), driven by playwright-core, which downloads no browser.
 * CHROMIUM_PATH overrides where it is.
 */
const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'].filter((p): p is string => Boolean(p));

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}): apt-get install chromium, or set CHROMIUM_PATH`);
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) throw new Error('The console is not built: npm run console:build (npm test does it first)');
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** A page at 1280×800 (the desktop width) that fails the test on any uncaught error in the console. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

/** Development sign-in as a person with one role, as a user does it: the form, then the console's first page. */
export async function signIn(page: Page, baseUrl: string, role: string, name: string, path = ''): Promise<void> {
  await page.goto(`${baseUrl}/console/${path}`);
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** The names of the pages the console offers the signed-in person, in order. */
export const navLinks = (page: Page): Promise<string[]> => page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();

/** Writes test-results/console-<name>.png: every run leaves a picture of each page. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `console-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: number };

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the console's Content-Security-Policy (scripts from 'self' only) stays on.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  // A string, run in the page: this file is type-checked for Node, without the DOM's types.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
