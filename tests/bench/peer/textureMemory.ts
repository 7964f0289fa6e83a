/**
 * What a volume's 3-D texture costs the GPU process under SwiftShader (issue 16, memory): a blank page makes a WebGL 2
 * context and, unless `--slices 0`, a 512² × N texture (R16F, as the viewer's compact texture, or R32F), uploads it
 * one texSubImage3D per slice as the viewer does, draws once, and reports the GPU process's and the renderer's RSS
 * and anonymous PSS after each step. Figures, never a test.
 *
 *   npx tsx tests/bench/peer/textureMemory.ts [--slices 300] [--format r16f|r32f] [--batch 1] [--canvas 512x512] [--antialias false]
 *
 * With `--slices 0` it measures the context alone: `--canvas 1000x800 --antialias true` against `false` gives the cost
 * of WebGL's default multisampled drawing buffer.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/harness';
import { processTree, processType, pssParts, rssBytes } from './processTree';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const slices = Number(option('slices', '300'));
const format = option('format', 'r16f');
const batch = Math.max(1, Number(option('batch', '1')));
const [canvasWidth, canvasHeight] = option('canvas', '512x512').split('x').map(Number);
const antialias = option('antialias', 'false') === 'true';
const SIDE = 512;

function memoryOf(rootPid: number): Record<string, { rssMB: number; anonMB: number }> {
  const byType: Record<string, { rssMB: number; anonMB: number }> = {};
  for (const pid of processTree(rootPid)) {
    const type = processType(pid);
    const entry = (byType[type] ??= { rssMB: 0, anonMB: 0 });
    entry.rssMB += Math.round(rssBytes(pid) / 1e6);
    entry.anonMB += Math.round(pssParts(pid).anon / 1e6);
  }
  return byType;
}

const PAGE_SCRIPT = `async ({ slices, format, side, batch, canvasWidth, canvasHeight, antialias }) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvasWidth; canvas.height = canvasHeight;
  document.body.append(canvas);
  const gl = canvas.getContext('webgl2', { antialias });
  window.__gl = gl;
  if (slices === 0) { gl.clearColor(0, 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT); gl.finish(); return 'context only'; }
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_3D, texture);
  const half = format === 'r16f';
  gl.texStorage3D(gl.TEXTURE_3D, 1, half ? gl.R16F : gl.R32F, side, side, slices);
  gl.finish();
  const data = half ? new Uint16Array(side * side * batch) : new Float32Array(side * side * batch);
  for (let k = 0; k < slices; k += batch) {
    const depth = Math.min(batch, slices - k);
    for (let i = 0; i < data.length; i++) data[i] = half ? 0x3c00 + ((i + k) & 0xff) : (i + k) & 0xff;
    gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, k, side, side, depth, gl.RED, half ? gl.HALF_FLOAT : gl.FLOAT, data.subarray(0, side * side * depth));
    if (k % 30 === 0) { gl.flush(); await new Promise((r) => setTimeout(r, 0)); }
  }
  gl.finish();
  return 'uploaded ' + slices + ' slices';
}`;

async function main(): Promise<void> {
  const executablePath = findChromium();
  const server = await chromium.launchServer({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS, headless: true });
  const pid = server.process().pid;
  if (pid === undefined) throw new Error('no browser PID');
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>texture memory</title>');
    await new Promise((r) => setTimeout(r, 1500));
    const show = (step: string) => {
      const m = memoryOf(pid);
      console.log(`${step.padEnd(28)} gpu-process RSS ${m['gpu-process']?.rssMB ?? 0} MB (anon PSS ${m['gpu-process']?.anonMB ?? 0}), renderer RSS ${m.renderer?.rssMB ?? 0} MB (anon PSS ${m.renderer?.anonMB ?? 0})`);
    };
    show('blank page');
    const result = await page.evaluate(`(${PAGE_SCRIPT})(${JSON.stringify({ slices, format, side: SIDE, batch, canvasWidth, canvasHeight, antialias })})`);
    await new Promise((r) => setTimeout(r, 1500));
    show(String(result));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
