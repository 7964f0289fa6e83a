import { missingValue } from './elementAt';
import type { VertebraShape } from './vertebraShape';

/**
 * Depth of the notch in the posterior wall that makes the body kidney-shaped (the posterior wall is concave towards the
 * canal), as a fraction of the body depth.
 */
const POSTERIOR_NOTCH_FRACTION = 0.07;
/** Angular half-width of that notch, rad. */
const POSTERIOR_NOTCH_WIDTH_RAD = 0.35;

/**
 * Distance from the body's axis to its outer wall at angle φ = atan2(w, u), mm: an ellipse (depth/2 × width/2) in
 * front, a deeper ellipse behind with a notch taken out at the midline so that the wall is at depth/2 exactly at w = 0.
 */
export function wallRadiusMm(shape: VertebraShape, angleRad: number): number {
  const halfWidthMm = shape.widthMm / 2;
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  if (cos >= 0) {
    const halfDepthMm = shape.depthMm / 2;
    return 1 / Math.hypot(cos / halfDepthMm, sin / halfWidthMm);
  }
  const notchMm = POSTERIOR_NOTCH_FRACTION * shape.depthMm;
  const ellipseMm = 1 / Math.hypot(cos / (shape.depthMm / 2 + notchMm), sin / halfWidthMm);
  const fromMidlineRad = Math.PI - Math.abs(angleRad);
  return ellipseMm - notchMm * Math.exp(-((fromMidlineRad / POSTERIOR_NOTCH_WIDTH_RAD) ** 2));
}

/** Signed distance to the wall sampled on a (u, w) grid: negative inside the body, positive outside, mm. */
export interface CrossSectionMap {
  readonly uMinMm: number;
  readonly wMinMm: number;
  readonly stepMm: number;
  readonly uCount: number;
  readonly wCount: number;
  /** Row-major, index = iw * uCount + iu. */
  readonly signedDistanceMm: Float32Array;
}

const MAP_STEP_MM = 0.5;
const MAP_MARGIN_MM = 4;
const POLYGON_VERTICES = 360;
/** Beyond this distance from the wall the radial difference is accurate enough; nearer, the polygon is searched. */
const EXACT_BAND_MM = 4;

const mapsByShape = new WeakMap<VertebraShape, CrossSectionMap>();

/**
 * Precomputes the signed distance to the wall, so the rasterizer can find the cortical shell (the outer 2 mm) with
 * one bilinear lookup per voxel instead of solving for the nearest wall point. Memoized per shape object: every
 * series of a study shares the same shapes.
 */
export function buildCrossSectionMap(shape: VertebraShape): CrossSectionMap {
  const cached = mapsByShape.get(shape);
  if (cached) return cached;
  const map = computeCrossSectionMap(shape);
  mapsByShape.set(shape, map);
  return map;
}

function computeCrossSectionMap(shape: VertebraShape): CrossSectionMap {
  const polygon = new Float64Array(POLYGON_VERTICES * 2);
  for (let i = 0; i < POLYGON_VERTICES; i += 1) {
    const angleRad = -Math.PI + (2 * Math.PI * i) / POLYGON_VERTICES;
    const radiusMm = wallRadiusMm(shape, angleRad);
    polygon[2 * i] = radiusMm * Math.cos(angleRad);
    polygon[2 * i + 1] = radiusMm * Math.sin(angleRad);
  }
  const notchMm = POSTERIOR_NOTCH_FRACTION * shape.depthMm;
  const uMinMm = -(shape.depthMm / 2 + notchMm + MAP_MARGIN_MM);
  const uMaxMm = shape.depthMm / 2 + MAP_MARGIN_MM;
  const wMinMm = -(shape.widthMm / 2 + MAP_MARGIN_MM);
  const uCount = Math.ceil((uMaxMm - uMinMm) / MAP_STEP_MM) + 1;
  const wCount = Math.ceil((-2 * wMinMm) / MAP_STEP_MM) + 1;
  const signedDistanceMm = new Float32Array(uCount * wCount);
  for (let iw = 0; iw < wCount; iw += 1) {
    const wMm = wMinMm + iw * MAP_STEP_MM;
    for (let iu = 0; iu < uCount; iu += 1) {
      const uMm = uMinMm + iu * MAP_STEP_MM;
      const radialMm = Math.hypot(uMm, wMm) - wallRadiusMm(shape, Math.atan2(wMm, uMm));
      signedDistanceMm[iw * uCount + iu] =
        Math.abs(radialMm) > EXACT_BAND_MM ? radialMm : Math.sign(radialMm) * distanceToPolygonMm(polygon, uMm, wMm);
    }
  }
  return { uMinMm, wMinMm, stepMm: MAP_STEP_MM, uCount, wCount, signedDistanceMm };
}

function distanceToPolygonMm(polygon: Float64Array, uMm: number, wMm: number): number {
  let bestSquared = Infinity;
  const n = polygon.length / 2;
  for (let i = 0; i < n; i += 1) {
    const j = (i + 1) % n;
    const au = polygon[2 * i];
    const aw = polygon[2 * i + 1];
    const bu = polygon[2 * j];
    const bw = polygon[2 * j + 1];
    if (au === undefined || aw === undefined || bu === undefined || bw === undefined) missingValue('polygon vertex', i, n);
    const du = bu - au;
    const dw = bw - aw;
    const t = Math.min(1, Math.max(0, ((uMm - au) * du + (wMm - aw) * dw) / (du * du + dw * dw)));
    const eu = au + t * du - uMm;
    const ew = aw + t * dw - wMm;
    const squared = eu * eu + ew * ew;
    if (squared < bestSquared) bestSquared = squared;
  }
  return Math.sqrt(bestSquared);
}

/** Bilinear lookup of the signed distance to the wall, mm; well outside the map it is simply "far outside". */
export function signedDistanceToWallMm(map: CrossSectionMap, uMm: number, wMm: number): number {
  const fu = (uMm - map.uMinMm) / map.stepMm;
  const fw = (wMm - map.wMinMm) / map.stepMm;
  if (fu < 0 || fw < 0 || fu >= map.uCount - 1 || fw >= map.wCount - 1) return MAP_MARGIN_MM;
  const iu = Math.floor(fu);
  const iw = Math.floor(fw);
  const tu = fu - iu;
  const tw = fw - iw;
  const k = iw * map.uCount + iu;
  const d = map.signedDistanceMm;
  const d00 = d[k];
  const d10 = d[k + 1];
  const d01 = d[k + map.uCount];
  const d11 = d[k + map.uCount + 1];
  if (d00 === undefined || d10 === undefined || d01 === undefined || d11 === undefined) missingValue('map distance', k, d.length);
  const top = d00 + (d10 - d00) * tu;
  const bottom = d01 + (d11 - d01) * tu;
  return top + (bottom - top) * tw;
}
