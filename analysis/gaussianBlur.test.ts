import { describe, expect, it } from 'vitest';
import { gaussianBlur } from './gaussianBlur';

/**
 * The blur by its definition, one output at a time: along rows, then along columns, each output Σ v·w / Σ w over the
 * kernel's finite samples inside the grid, summed from the kernel's one end to the other; NaN stays NaN.
 */
function blurByDefinition(grid: Float32Array, n: number, sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const weightAt = (d: number) => Math.exp(-(d ** 2) / (2 * sigma * sigma));
  const pass = (source: Float32Array, along: 'row' | 'column'): Float32Array => {
    const out = new Float32Array(n * n);
    const index = (line: number, k: number) => (along === 'row' ? k + line * n : line + k * n);
    for (let line = 0; line < n; line += 1) {
      for (let k = 0; k < n; k += 1) {
        let sum = 0;
        let weight = 0;
        for (let d = -radius; d <= radius; d += 1) {
          const v = k + d >= 0 && k + d < n ? source[index(line, k + d)]! : Number.NaN;
          if (!Number.isFinite(v)) continue;
          sum += v * weightAt(d);
          weight += weightAt(d);
        }
        out[index(line, k)] = Number.isFinite(source[index(line, k)]!) && weight > 0 ? sum / weight : Number.NaN;
      }
    }
    return out;
  };
  return pass(pass(grid, 'row'), 'column');
}

/** A grid of noisy values (a fixed pseudo-random sequence), with NaN at the given indices. */
function noisyGrid(n: number, nanAt: readonly number[] = []): Float32Array {
  const grid = new Float32Array(n * n);
  let state = 12345;
  for (let i = 0; i < grid.length; i += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    grid[i] = 200 + ((state / 2 ** 31) - 0.5) * 300 + (i % n < n / 2 ? 400 : 0);
  }
  for (const i of nanAt) grid[i] = Number.NaN;
  return grid;
}

describe('gaussianBlur', () => {
  it.each([
    ['a grid without NaN', 31, 2.4, []],
    ['a grid without NaN and a narrow kernel', 20, 0.8, []],
    ['a grid with NaN inside and at a corner', 31, 2.4, [0, 17 + 31 * 9, 30 + 31 * 30]],
    ['a grid smaller than the kernel', 9, 2.4, []],
  ] as const)('gives on %s (n = %i, σ = %s) exactly the values of its definition', (_, n, sigma, nanAt) => {
    const grid = noisyGrid(n, nanAt);
    const blurred = gaussianBlur(grid, n, sigma);
    const expected = blurByDefinition(grid, n, sigma);
    expect(Array.from(blurred)).toEqual(Array.from(expected));
  });

  it('keeps NaN where the grid had it and leaves the grid itself unchanged', () => {
    const grid = noisyGrid(15, [7 + 15 * 7]);
    const copy = grid.slice();
    const blurred = gaussianBlur(grid, 15, 1);
    expect(Number.isNaN(blurred[7 + 15 * 7]!)).toBe(true);
    expect(blurred.filter((v) => Number.isNaN(v))).toHaveLength(1);
    expect(Array.from(grid)).toEqual(Array.from(copy));
  });

  it('keeps a constant grid constant and smooths noise', () => {
    const constant = new Float32Array(25 * 25).fill(300);
    expect(gaussianBlur(constant, 25, 2).every((v) => Math.abs(v - 300) < 1e-3)).toBe(true);
    const grid = noisyGrid(41);
    const spread = (g: Float32Array) => {
      let sum = 0;
      for (let r = 10; r < 30; r += 1) for (let c = 2; c < 18; c += 1) sum += Math.abs(g[c + 1 + r * 41]! - g[c + r * 41]!);
      return sum;
    };
    expect(spread(gaussianBlur(grid, 41, 2))).toBeLessThan(spread(grid) / 3);
  });
});
