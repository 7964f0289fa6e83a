import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, startDevServer, type PreviewServer } from './harness';

let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDevServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the development server that `npm start` runs', () => {
  it('opens the sample study in one click and renders the sagittal view', async () => {
    const { page, context } = await newPage(browser, server.url);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // The first visit waits for Vite's dependency optimiser.
    await page.locator('[data-testid="open-sample"]').click({ timeout: 120_000 });
    await page.locator('[data-testid="viewport"][data-orientation="sagittal"][data-rendered="true"][data-loaded="true"]').waitFor({ timeout: 120_000 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
