import { voxelMapOf } from '../../analysis/sampling';
/**
 * Voxels kept beyond the plane's extent on each side: trilinear sampling reads the next voxel, and a block at least two
 * voxels deep keeps the sampler's interpolation the same as on the whole volume.
 */
const BLOCK_MARGIN_VOXELS = 1;
const addScaled = (p, v, s) => [p[0] + v[0] * s, p[1] + v[1] * s, p[2] + v[2] * s];
/**
 * The part of a volume that sampling `plane` reads: the voxel box around the plane's four corners (with a margin),
 * copied out slice by slice into a small volume in the same patient space. Sampling the plane on it gives the values
 * of sampling the whole volume, without assembling the whole volume (a 1,000-slice 512² series is 500 MB as Int16).
 * Null when the plane lies outside the volume.
 */
export function planeBlock(volume, plane) {
    const [nc, nr, ns] = volume.dimensions;
    const { dimensions, originMm: volumeOriginMm, rowCosine, columnCosine, sliceCosine, spacingMm } = volume;
    const geometry = { kind: 'volume', values: new Float32Array(0), dimensions, originMm: volumeOriginMm, rowCosine, columnCosine, sliceCosine, spacingMm, calibrated: true };
    const q = voxelMapOf(geometry).inverse;
    const toIndex = (p) => {
        const d = [p[0] - volume.originMm[0], p[1] - volume.originMm[1], p[2] - volume.originMm[2]];
        const row = (r) => q[3 * r] * d[0] + q[3 * r + 1] * d[1] + q[3 * r + 2] * d[2];
        return [row(0), row(1), row(2)];
    };
    const acrossMm = (plane.columns - 1) * plane.spacingMm;
    const downMm = (plane.rows - 1) * plane.spacingMm;
    const corners = [
        plane.originMm,
        addScaled(plane.originMm, plane.rowCosine, acrossMm),
        addScaled(plane.originMm, plane.columnCosine, downMm),
        addScaled(addScaled(plane.originMm, plane.rowCosine, acrossMm), plane.columnCosine, downMm),
    ].map(toIndex);
    const range = (axis, n) => {
        const values = corners.map((c) => c[axis]);
        if (!values.every(Number.isFinite))
            return [0, n - 1];
        const low = Math.max(0, Math.floor(Math.min(...values)) - BLOCK_MARGIN_VOXELS);
        const high = Math.min(n - 1, Math.ceil(Math.max(...values)) + BLOCK_MARGIN_VOXELS);
        return low <= high ? [low, high] : null;
    };
    const ri = range(0, nc);
    const rj = range(1, nr);
    const rk = range(2, ns);
    if (!ri || !rj || !rk)
        return null;
    const [i0, i1] = ri;
    const [j0, j1] = rj;
    const [k0, k1] = rk;
    const bc = i1 - i0 + 1;
    const br = j1 - j0 + 1;
    const bs = k1 - k0 + 1;
    const values = new Float32Array(bc * br * bs);
    for (let k = k0; k <= k1; k += 1) {
        const slice = volume.sliceValues(k);
        if (!slice)
            continue;
        const sliceStart = (k - k0) * bc * br;
        for (let j = j0; j <= j1; j += 1) {
            const from = i0 + j * nc;
            const to = sliceStart + (j - j0) * bc;
            for (let i = 0; i < bc; i += 1)
                values[to + i] = slice[from + i];
        }
    }
    const [dc, dr, ds] = volume.spacingMm;
    const originMm = addScaled(addScaled(addScaled(volume.originMm, volume.rowCosine, i0 * dc), volume.columnCosine, j0 * dr), volume.sliceCosine, k0 * ds);
    return { ...geometry, values, dimensions: [bc, br, bs], originMm };
}
