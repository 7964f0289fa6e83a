import { invertedByReader } from './monochrome1';
import { negate, orientationLabel } from './orientationLabels';
import { cross, normalize, subtract } from './vec3';
/** Everything an overlay needs, read from the viewport's camera and properties. */
export function snapshotOf(viewport) {
    const canvas = viewport.canvas;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height)
        return null;
    const center = viewport.canvasToWorld([width / 2, height / 2]);
    const right = viewport.canvasToWorld([width / 2 + 100, height / 2]);
    const down = viewport.canvasToWorld([width / 2, height / 2 + 100]);
    const rightDir = normalize(subtract(right, center));
    const downDir = normalize(subtract(down, center));
    const normal = normalize(cross(rightDir, downDir));
    const axisIndex = [0, 1, 2].find((i) => Math.abs(normal[i]) > 0.999);
    const props = viewport.getProperties?.() ?? {};
    const voi = props.voiRange;
    return {
        sliceIndex: viewport.getSliceIndex(),
        sliceCount: viewport.getNumberOfSlices(),
        slicePositionMm: axisIndex === undefined ? null : center[axisIndex],
        sliceAxis: axisIndex === undefined ? 'n' : ['x', 'y', 'z'][axisIndex],
        windowWidth: voi ? voi.upper - voi.lower : null,
        windowCenter: voi ? (voi.upper + voi.lower) / 2 : null,
        edges: {
            left: orientationLabel(negate(rightDir)),
            right: orientationLabel(rightDir),
            top: orientationLabel(negate(downDir)),
            bottom: orientationLabel(downDir),
        },
        worldPerCanvasPixel: Math.hypot(...subtract(right, center)) / 100,
        canvasWidth: width,
        invert: invertedByReader(viewport),
    };
}
