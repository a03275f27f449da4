// A real browser for page tests: Debian's Chromium driven by playwright-core. Every page a test
// opens is watched: a request that leaves loopback is refused and recorded, console errors are
// recorded, and checkPage() runs axe-core (WCAG 2.1 A/AA) and fails on serious or critical findings.
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Watched {
  context: BrowserContext;
  page: Page;
  offLoopback: string[];
  consoleErrors: string[];
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
}

/**
 * The whole system and a browser for a test file: started before its tests, stopped after them
 * (after the file's own afterAll hooks). `settings` gives the system's configuration overrides;
 * returning null skips the start (a file whose tests are all skipped).
 */
export function systemAndBrowser(
  settings: () => Promise<Record<string, string> | null> | Record<string, string> | null = () => ({}),
): { system: TestSystem; browser: Browser } {
  const running = {} as { system: TestSystem; browser: Browser };
  beforeAll(async () => {
    const overrides = await settings();
    if (!overrides) return;
    [running.system, running.browser] = await Promise.all([startTestSystem(overrides), launchBrowser()]);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.system?.stop();
  });
  return running;
}

export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const desktop = { viewport: { width: 1280, height: 900 } };

export async function openContext(
  browser: Browser,
  options: {
    viewport: { width: number; height: number };
    isMobile?: boolean;
    hasTouch?: boolean;
    locale?: string;
  } = desktop,
): Promise<Watched> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  const offLoopback: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol === 'data:') return route.continue();
    offLoopback.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  context.on('page', (other) => watch(other, consoleErrors));
  watch(page, consoleErrors);
  return { context, page, offLoopback, consoleErrors };
}

function watch(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    // A refused form post (400/403) is the page's answer, not a script error.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

/** Signs in on the staff sign-in page with a demo account and waits to leave it. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'pakn-demo'): Promise<void> {
  await page.goto(`${baseUrl}/staff/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
}

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violation. */
export async function checkPage(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/** What every page test ends with: nothing left loopback, and no console error on any page. */
export function expectClean(watched: Watched): void {
  expect(watched.offLoopback).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}
