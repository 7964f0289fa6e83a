/** Unit anterior direction in LPS (towards −y). */
const ANTERIOR = [0, -1, 0];
/** Unit cranial direction in LPS (towards +z). */
const CRANIAL = [0, 0, 1];
/**
 * Six points of a vertebra in the mid-sagittal plane: a flat inferior endplate, the superior points at Ha and Hp above
 * it, the middle pair centred on the anterior–posterior line at Hm apart. Its wedge angle is atan((Hp − Ha) / depth).
 */
export function lateralVertebra(spec) {
    const depthMm = spec.depthMm ?? 30;
    const tiltRad = ((spec.tiltDeg ?? 0) * Math.PI) / 180;
    const origin = spec.originMm ?? [0, 0, 0];
    const middleLineMm = (spec.anteriorMm + spec.posteriorMm) / 2;
    const middleInferiorMm = (middleLineMm - spec.middleMm) / 2;
    // (u, v): u along the anterior direction, v along the cranial direction, before the tilt is applied.
    const place = (u, v) => {
        const uTilted = u * Math.cos(tiltRad) - v * Math.sin(tiltRad);
        const vTilted = u * Math.sin(tiltRad) + v * Math.cos(tiltRad);
        return [
            origin[0] + uTilted * ANTERIOR[0] + vTilted * CRANIAL[0],
            origin[1] + uTilted * ANTERIOR[1] + vTilted * CRANIAL[1],
            origin[2] + uTilted * ANTERIOR[2] + vTilted * CRANIAL[2],
        ];
    };
    return {
        anteriorSuperior: place(depthMm / 2, spec.anteriorMm),
        anteriorInferior: place(depthMm / 2, 0),
        middleSuperior: place(0, middleInferiorMm + spec.middleMm),
        middleInferior: place(0, middleInferiorMm),
        posteriorSuperior: place(-depthMm / 2, spec.posteriorMm),
        posteriorInferior: place(-depthMm / 2, 0),
    };
}
/** Constructed: 30 mm posterior, 3 % anterior and 6 % middle loss, within normal variation (grade 0). */
export const normalL2Spec = { anteriorMm: 29.1, middleMm: 28.2, posteriorMm: 30 };
/** normalL2Spec as six points. */
export const normalL2 = lateralVertebra(normalL2Spec);
/** Constructed: 30 mm posterior, 35 % anterior loss (Ha 19.5 mm), 20 % middle loss: a grade 2 wedge fracture. */
export const wedgeL1Grade2Spec = { anteriorMm: 19.5, middleMm: 24, posteriorMm: 30 };
/** wedgeL1Grade2Spec as six points. */
export const wedgeL1Grade2 = lateralVertebra(wedgeL1Grade2Spec);
/** Constructed: 28 mm posterior, 22.5 % middle loss (Hm 21.7 mm), anterior nearly intact: a grade 1 biconcave fracture. */
export const biconcaveT12Grade1Spec = { anteriorMm: 27.2, middleMm: 21.7, posteriorMm: 28 };
/** biconcaveT12Grade1Spec as six points. */
export const biconcaveT12Grade1 = lateralVertebra(biconcaveT12Grade1Spec);
/** Constructed: a flat vertebra, 17 mm at all three walls; 43 % crush against 30 mm neighbours (grade 3). */
export const crushL1Grade3Spec = { anteriorMm: 17, middleMm: 16.5, posteriorMm: 17 };
/** crushL1Grade3Spec as six points. */
export const crushL1Grade3 = lateralVertebra(crushL1Grade3Spec);
/** Constructed: wedgeL1Grade2 after kyphoplasty, anterior restored from 19.5 to 27 mm, middle from 24 to 28 mm. */
export const postKyphoplastyL1Spec = { anteriorMm: 27, middleMm: 28, posteriorMm: 30 };
/** postKyphoplastyL1Spec as six points. */
export const postKyphoplastyL1 = lateralVertebra(postKyphoplastyL1Spec);
/** Schematic spacing of vertebral origins along the spine, mm (body plus disc). */
const LEVEL_SPACING_MM = 40;
/** Builds a spine from cranial → caudal entries, each vertebra's origin LEVEL_SPACING_MM below the previous one. */
export function lateralSpine(entries) {
    return entries.map(({ level, spec }, index) => ({
        level,
        points: lateralVertebra({ ...spec, originMm: [0, 0, -LEVEL_SPACING_MM * index] }),
    }));
}
/** Constructed: T11 and T12 above the fracture, 27 and 28 mm posterior, near-square, tilted −6° and −3°. */
const T11_SPEC = { anteriorMm: 26.5, middleMm: 26, posteriorMm: 27, tiltDeg: -6 };
const T12_SPEC = { anteriorMm: 27.5, middleMm: 27, posteriorMm: 28, tiltDeg: -3 };
/** Constructed: L3 below, 31 mm posterior, tilted +5°. */
const L3_SPEC = { anteriorMm: 30.5, middleMm: 30, posteriorMm: 31, tiltDeg: 5 };
/** Constructed: T11–L3 before kyphoplasty, L1 = wedgeL1Grade2; T12 tilted −3°, L2 = normalL2 tilted +3°. */
export const thoracolumbarBefore = lateralSpine([
    { level: 'T11', spec: T11_SPEC },
    { level: 'T12', spec: T12_SPEC },
    { level: 'L1', spec: wedgeL1Grade2Spec },
    { level: 'L2', spec: { ...normalL2Spec, tiltDeg: 3 } },
    { level: 'L3', spec: L3_SPEC },
]);
/** Constructed: the same spine after kyphoplasty of L1 (postKyphoplastyL1), T12 and L2 now tilted −1° and +1°. */
export const thoracolumbarAfter = lateralSpine([
    { level: 'T11', spec: T11_SPEC },
    { level: 'T12', spec: { ...T12_SPEC, tiltDeg: -1 } },
    { level: 'L1', spec: postKyphoplastyL1Spec },
    { level: 'L2', spec: { ...normalL2Spec, tiltDeg: 1 } },
    { level: 'L3', spec: L3_SPEC },
]);
/** Expected fixture facts, for tests: the reference posterior height of L1 before, mm = mean Hp of T12 and L2. */
export const THORACOLUMBAR_L1_REFERENCE_MM = (T12_SPEC.posteriorMm + normalL2Spec.posteriorMm) / 2;
