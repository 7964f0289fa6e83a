/**
 * Loading benchmark: prints how long the sample baseline CT takes to show its first image and to load completely,
 * and how much JS heap the page then holds. Run with `npm run bench` after `npm run build`. Figures, not a test.
 */
import { CHROMIUM_ARGS, launchBrowser, startPreview } from '../e2e/harness';
import { ViewerPage, loadGroundTruth, sampleFiles } from '../e2e/pageObject';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function main(): Promise<void> {
  const truth = loadGroundTruth();
  const ct = truth.studies.find((s) => s.key === 'baseline')!.series.find((s) => s.key === 'ct')!;
  const files = sampleFiles('baseline', 'ct');
  const server = await startPreview();
  const browser = await launchBrowser(CHROMIUM_ARGS);
  try {
    console.log(`sample baseline CT: ${files.length} files, ${ct.imageCount} slices of 512×512`);
    console.log('run  files-read(ms)  first-render(ms)  volume-loaded(ms)  js-heap(MB)');
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      const viewer = new ViewerPage(page);
      const t0 = Date.now();
      await page.locator('[data-testid="open-files"]').setInputFiles(files);
      await page.locator('[data-testid="file-progress"]').waitFor({ state: 'detached', timeout: 300_000 });
      const tRead = Date.now() - t0;
      await page.locator('[data-testid="viewport"][data-orientation="axial"][data-rendered="true"]').waitFor({ timeout: 300_000 });
      const tFirst = Date.now() - t0;
      await viewer.waitLoaded('sagittal');
      const tLoaded = Date.now() - t0;
      const session = await context.newCDPSession(page);
      await session.send('HeapProfiler.collectGarbage');
      await session.send('Performance.enable');
      const { metrics } = await session.send('Performance.getMetrics');
      const heapMb = (metrics.find((m: { name: string }) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
      console.log(`${String(run).padStart(3)}  ${String(tRead).padStart(14)}  ${String(tFirst).padStart(16)}  ${String(tLoaded).padStart(17)}  ${heapMb.toFixed(1).padStart(11)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
