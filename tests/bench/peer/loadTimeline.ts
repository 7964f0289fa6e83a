/**
 * Diagnostic for the performance work of issue 16 (not part of bench:peer): opens a viewer URL in a fresh Chromium,
 * waits for the complete volume and prints cornerstone facts (volume data type, cache, request pools), the timeline of
 * navigation, scripts, DICOMweb requests and frames (resource timing: at most 250 entries), and each Chromium process's
 * type, CPU seconds, RSS and PSS.
 *
 *   npx tsx tests/bench/peer/loadTimeline.ts '<url>' ours|ohif <sliceCount>
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/harness';
import { OUR_VIEWER_PROBE, ohifProbe } from './probes';
import { processTree, rssBytes, pssBytes, readStat } from './processTree';
import { readFileSync } from 'node:fs';
const [url, kind, nText] = process.argv.slice(2);
const n = Number(nText);
if (url === undefined || (kind !== 'ours' && kind !== 'ohif') || !Number.isInteger(n) || n < 1) {
  console.error("usage: npx tsx tests/bench/peer/loadTimeline.ts '<url>' ours|ohif <sliceCount>");
  process.exit(2);
}
const server = await chromium.launchServer({ executablePath: findChromium()!, args: CHROMIUM_ARGS, headless: true });
const browser = await chromium.connect(server.wsEndpoint());
const rootPid = server.process().pid!;
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
await context.addInitScript({ content: kind === 'ours' ? OUR_VIEWER_PROBE : ohifProbe(n) });
const page = await context.newPage();
await page.goto(url);
await page.waitForFunction('window.__benchMarks && window.__benchMarks.sagittalReady !== undefined', undefined, { timeout: 600_000, polling: 200 });
const facts = await page.evaluate(`(() => {
  const cs = window.cornerstone;
  const marks = window.__benchMarks;
  const vols = cs.cache.getVolumes();
  const v = vols[0];
  const img = cs.cache.getImage ? cs.cache.getImage(v.imageIds[0]) : null;
  const frames = performance.getEntriesByType('resource').filter((e) => e.name.includes('/frames/'));
  const meta = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/metadata'));
  const starts = frames.map((f) => f.startTime).sort((a, b) => a - b);
  const ends = frames.map((f) => f.responseEnd).sort((a, b) => a - b);
  // concurrency: average number of frame requests in flight between first start and last end
  const span = ends[ends.length - 1] - starts[0];
  const busy = frames.reduce((s, f) => s + (f.responseEnd - f.startTime), 0);
  let maxInFlight = 0;
  const events = frames.flatMap((f) => [[f.startTime, 1], [f.responseEnd, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0; for (const [, d] of events) { cur += d; maxInFlight = Math.max(maxInFlight, cur); }
  const cfg = cs.getConfiguration ? cs.getConfiguration().rendering : null;
  const sd = v.voxelManager && v.voxelManager.getScalarData ? null : null;
  return {
    marks,
    config: cfg && { preferSizeOverAccuracy: cfg.preferSizeOverAccuracy, useNorm16Texture: cfg.useNorm16Texture, renderingEngineMode: cfg.renderingEngineMode },
    volume: { dataType: v.dataType, dims: v.dimensions, numFrames: v.imageIds.length, framesLoaded: v.framesLoaded, sizeInBytes: v.sizeInBytes, voxelManagerType: v.voxelManager && v.voxelManager.constructor && v.voxelManager.constructor.name },
    image: img && { pixelType: img.getPixelData && img.getPixelData().constructor.name, sizeInBytes: img.sizeInBytes, preScale: img.preScale },
    cache: { bytes: cs.cache.getCacheSize(), max: cs.cache.getMaxCacheSize(), images: cs.cache._imageCache ? cs.cache._imageCache.size : null, volumes: vols.length },
    pools: { load: cs.imageLoadPoolManager && cs.imageLoadPoolManager.maxNumRequests, retrieval: cs.imageRetrievalPoolManager && cs.imageRetrievalPoolManager.maxNumRequests },
    frames: { count: frames.length, unique: new Set(frames.map((f) => f.name)).size, firstStart: starts[0], lastEnd: ends[ends.length - 1], avgInFlight: busy / span, maxInFlight, meanMs: busy / frames.length, bytes: frames.reduce((s, f) => s + f.encodedBodySize, 0) },
    metadata: meta.map((m) => ({ start: m.startTime, end: m.responseEnd })),
    hardwareConcurrency: navigator.hardwareConcurrency,
    nav: (() => { const n = performance.getEntriesByType('navigation')[0]; return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd }; })(),
    scripts: performance.getEntriesByType('resource').filter((e) => /[.](js|wasm)$/.test(e.name)).map((e) => ({ name: e.name.split('/').pop(), start: Math.round(e.startTime), end: Math.round(e.responseEnd), kb: Math.round(e.decodedBodySize / 1024) })),
    other: performance.getEntriesByType('resource').filter((e) => !/[.](js|wasm)$/.test(e.name) && !e.name.includes('/frames/')).map((e) => ({ name: e.name.slice(-80), start: Math.round(e.startTime), end: Math.round(e.responseEnd) })),
    frameTimeline: frames.sort((a, b) => a.startTime - b.startTime).filter((_, i) => i % 10 === 0).map((f) => [Math.round(f.startTime), Math.round(f.requestStart), Math.round(f.responseStart), Math.round(f.responseEnd)]),
  };
})()`);
const procs = processTree(rootPid).map((pid) => { const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); const type = (cmd.find((a) => a.startsWith('--type=')) ?? '--type=browser').slice(7); const sub = (cmd.find((a) => a.startsWith('--utility-sub-type=')) ?? '').slice(19); return { pid, type: type + (sub ? ':' + sub : ''), cpuS: (readStat(pid)?.cpuTicks ?? 0) / 100, rssMB: Math.round(rssBytes(pid) / 1e6), pssMB: Math.round(pssBytes(pid) / 1e6) }; });
(facts as Record<string, unknown>).processes = procs;
console.log(JSON.stringify(facts, null, 1));
await browser.close();
await server.close();
