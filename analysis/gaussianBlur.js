/**
 * Separable Gaussian blur of an n × n grid (σ in grid steps, the kernel cut at 3σ); NaN samples are left out of every
 * average and stay NaN. Each output is Σ v·w / Σ w over the kernel's samples that lie in the grid, summed from the
 * kernel's one end to the other, so the result is the same to the last bit whichever path computes it: a grid with no
 * NaN is blurred on a fast path (no per-sample checks inside; the column pass walks whole rows so it reads memory in
 * order), any other grid, and the borders of every grid, on the general one.
 */
export function gaussianBlur(grid, n, sigma) {
    const radius = Math.ceil(3 * sigma);
    const weights = new Float64Array(2 * radius + 1);
    for (let i = 0; i <= 2 * radius; i += 1)
        weights[i] = Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma));
    if (2 * radius >= n || !grid.every(Number.isFinite))
        return generalPass(generalPass(grid, n, weights, n, 1), n, weights, 1, n);
    // Inside the grid every kernel sample is present and finite: the weights' sum is the same for every output.
    let weightSum = 0;
    for (const w of weights)
        weightSum += w;
    return columnPass(rowPass(grid, n, weights, weightSum), n, weights, weightSum);
}
/** One pass along lines `lineStride` apart, samples `step` apart, with the checks for the grid's edges and NaN. */
function generalPass(source, n, weights, lineStride, step) {
    const out = new Float32Array(n * n);
    for (let line = 0; line < n; line += 1) {
        for (let k = 0; k < n; k += 1)
            out[line * lineStride + k * step] = generalAt(source, n, weights, line * lineStride, k, step);
    }
    return out;
}
/** The blurred value at position k of the line starting at `lineStart`, skipping samples off the grid or NaN. */
function generalAt(source, n, weights, lineStart, k, step) {
    const radius = (weights.length - 1) / 2;
    let sum = 0;
    let weight = 0;
    for (let d = -radius; d <= radius; d += 1) {
        const kk = k + d;
        if (kk < 0 || kk >= n)
            continue;
        const v = source[lineStart + kk * step];
        if (!Number.isFinite(v))
            continue;
        const w = weights[d + radius];
        sum += v * w;
        weight += w;
    }
    return weight > 0 && Number.isFinite(source[lineStart + k * step]) ? sum / weight : Number.NaN;
}
/** The pass along each row (contiguous samples) of a grid without NaN. */
function rowPass(source, n, weights, weightSum) {
    const radius = (weights.length - 1) / 2;
    const out = new Float32Array(n * n);
    for (let row = 0; row < n; row += 1) {
        const start = row * n;
        for (let k = 0; k < radius; k += 1) {
            out[start + k] = generalAt(source, n, weights, start, k, 1);
            out[start + n - 1 - k] = generalAt(source, n, weights, start, n - 1 - k, 1);
        }
        for (let k = radius; k < n - radius; k += 1) {
            const from = start + k - radius;
            let sum = 0;
            for (let d = 0; d < weights.length; d += 1)
                sum += source[from + d] * weights[d];
            out[start + k] = sum / weightSum;
        }
    }
    return out;
}
/** The pass along each column of a grid without NaN, a whole row of sums at a time. */
function columnPass(source, n, weights, weightSum) {
    const radius = (weights.length - 1) / 2;
    const out = new Float32Array(n * n);
    const sums = new Float64Array(n);
    for (let k = 0; k < radius; k += 1) {
        for (let column = 0; column < n; column += 1) {
            out[column + k * n] = generalAt(source, n, weights, column, k, n);
            out[column + (n - 1 - k) * n] = generalAt(source, n, weights, column, n - 1 - k, n);
        }
    }
    for (let k = radius; k < n - radius; k += 1) {
        sums.fill(0);
        for (let d = 0; d < weights.length; d += 1) {
            const from = (k - radius + d) * n;
            const w = weights[d];
            for (let column = 0; column < n; column += 1)
                sums[column] = sums[column] + source[from + column] * w;
        }
        for (let column = 0; column < n; column += 1)
            out[column + k * n] = sums[column] / weightSum;
    }
    return out;
}
