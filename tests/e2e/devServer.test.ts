import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type ViewerSession } from './session';

let session: ViewerSession;

beforeAll(async () => {
  session = await startSession({ devServer: true });
});

afterAll(async () => {
  await session?.close();
});

describe('the development server that `npm start` runs', () => {
  it('opens the sample study in one click and renders the sagittal view', async () => {
    const { page, pageErrors } = session;
    // The first visit waits for Vite's dependency optimiser.
    await page.locator('[data-testid="open-sample"]').click({ timeout: 120_000 });
    await page.locator('[data-testid="viewport"][data-orientation="sagittal"][data-rendered="true"][data-loaded="true"]').waitFor({ timeout: 120_000 });
    expect(pageErrors).toEqual([]);
  });
});
