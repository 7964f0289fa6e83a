import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFiles, seriesKeyOfFile, showSeries } from './decodingHelpers';
import { startSession, type ViewerSession } from './session';
import { replaceString, TAGS, withNewIdentity } from './dicomMutator';
import { sampleFiles } from './pageObject';

/** The bytes of a UTF-8 string, as the one-char-per-byte string the mutator writes. */
function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

const UTF8_NAME = 'Müller^Jürgen=山田^太郎';
const LONG_DESCRIPTION = `SPINE ${'VERY LONG DESCRIPTION '.repeat(2_700)}END`;
const FILE = 'utf8-long-text.dcm';

describe('patient text: decoded by its character set, clipped on screen, whole in the tooltip', () => {
  let session: ViewerSession;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'vh-text-'));
    let bytes: Uint8Array = new Uint8Array(readFileSync(sampleFiles('baseline', 'ct')[0]!));
    bytes = replaceString(bytes, TAGS.specificCharacterSet, 'ISO_IR 192');
    bytes = replaceString(bytes, TAGS.patientName, utf8Bytes(UTF8_NAME));
    bytes = replaceString(bytes, TAGS.seriesDescription, LONG_DESCRIPTION);
    writeFileSync(join(scratch, FILE), withNewIdentity(bytes, '2.25.77001', '2.25.77002'));
    session = await startSession();
    await openFiles(session.page, [join(scratch, FILE)]);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('lists the patient by the name written in UTF-8 (ISO_IR 192), not as Latin-1', async () => {
    const heading = session.page.locator('.series-browser__patient h2').first();
    expect(await heading.innerText()).toContain('Müller Jürgen=山田 太郎');
    expect(await heading.getAttribute('title')).toContain('Müller Jürgen=山田 太郎');
  });

  it('clips a 60,000-character series description in the list and the overlay, with the whole text in the tooltip', async () => {
    const key = await seriesKeyOfFile(session.page, FILE);
    const item = session.page.locator(`[data-testid="series-item"][data-series-uid="${key}"]`);
    expect((await item.innerText()).length).toBeLessThan(200);
    expect(await item.getAttribute('title')).toBe(LONG_DESCRIPTION);
    await showSeries(session.page, key!);
    const overlay = session.page.locator('[data-testid="viewport-overlay"] .overlay__tr .clip').first();
    expect((await overlay.innerText()).length).toBeLessThan(100);
    expect(await overlay.getAttribute('title')).toBe(LONG_DESCRIPTION);
  });

  it('keeps every panel within the window: nothing spills over the toolbar or the views', async () => {
    const width = await session.page.evaluate(() => document.documentElement.scrollWidth);
    const viewportWidth = await session.page.evaluate(() => window.innerWidth);
    expect(width).toBeLessThanOrEqual(viewportWidth);
    const side = await session.page.locator('.app__side').boundingBox();
    const item = await session.page.locator('[data-testid="series-item"]').first().boundingBox();
    expect(item!.x + item!.width).toBeLessThanOrEqual(side!.x + side!.width + 1);
  });

  it('raises no page error', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
