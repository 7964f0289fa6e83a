// Counts nothing itself: runs a WebGL2 workload in headless Chromium so that perf can count the GPU process's faults.
import { chromium } from 'playwright-core';
const variant = process.argv[2] ?? 'sub';
const slices = Number(process.argv[3] ?? 100);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'] });
const p = await b.newPage();
await p.goto('data:text/html,<canvas id=c width=512 height=512></canvas>');
await new Promise((r) => setTimeout(r, 1500));
const t0 = Date.now();
const r = await p.evaluate(async ({ variant, slices }) => {
  const gl = document.getElementById('c').getContext('webgl2', { antialias: false });
  const W = 512, H = 512;
  const slice = new Uint16Array(W * H);
  for (let i = 0; i < slice.length; i++) slice[i] = 0x3c00 + (i % 256); // half floats around 1.0
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_3D, tex);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  if (variant === 'sub' || variant === 'subflush') {
    gl.texStorage3D(gl.TEXTURE_3D, 1, gl.R16F, W, H, slices);
    for (let z = 0; z < slices; z++) { gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, z, W, H, 1, gl.RED, gl.HALF_FLOAT, slice); if (variant === 'subflush') gl.flush(); }
  } else if (variant === 'whole') {
    const all = new Uint16Array(W * H * slices);
    for (let z = 0; z < slices; z++) all.set(slice, z * W * H);
    gl.texImage3D(gl.TEXTURE_3D, 0, gl.R16F, W, H, slices, 0, gl.RED, gl.HALF_FLOAT, all);
  } else if (variant === 'none') {
  }
  const px = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  return gl.getError();
}, { variant, slices });
console.log(variant, slices, 'err', r, 'ms', Date.now() - t0);
await b.close();
