import { elementAt } from './elementAt';
import type { CementBall, Spine } from './anatomy';
import { buildCrossSectionMap, type CrossSectionMap } from './crossSection';
import { archExtent, archGeometry, type ArchGeometry } from './posteriorElements';
import { localToPatient } from './pose';
import { inferiorEndplateVMm, superiorEndplateVMm, type VertebraShape } from './vertebraShape';

/**
 * One vertebra prepared for rasterizing: its frame unpacked into numbers, its cross-section distance map, and the
 * patient-space box outside which it cannot change a voxel.
 */
export interface SceneVertebra {
  readonly shape: VertebraShape;
  readonly map: CrossSectionMap;
  readonly arch: ArchGeometry;
  /** Frame: centre and the y, z components of the anterior and cranial axes (their x components are 0). */
  readonly centreX: number;
  readonly centreY: number;
  readonly centreZ: number;
  readonly anteriorY: number;
  readonly anteriorZ: number;
  readonly cranialY: number;
  readonly cranialZ: number;
  /** v range of the body (a cheap reject before the endplate functions). */
  readonly bodyVMinMm: number;
  readonly bodyVMaxMm: number;
  /** v range over which this vertebra's canal is drawn: to mid-disc above and below, overlapping its neighbours. */
  readonly canalVMinMm: number;
  readonly canalVMaxMm: number;
  /** Patient-space bounding box of everything this vertebra draws (body, arch, canal, half-discs). */
  readonly xMaxAbsMm: number;
  readonly yMinMm: number;
  readonly yMaxMm: number;
  readonly zMinMm: number;
  readonly zMaxMm: number;
  readonly cementBalls: readonly CementBall[];
}

export interface Scene {
  readonly vertebrae: readonly SceneVertebra[];
}

/** Beyond the outermost vertebrae the canal continues this far, so it does not stop inside a field of view. */
const CANAL_EXTENSION_AT_ENDS_MM = 40;
const BOX_MARGIN_MM = 2;

export function buildScene(spine: Spine): Scene {
  const count = spine.vertebrae.length;
  const vertebrae = spine.vertebrae.map((vertebra, i): SceneVertebra => {
    const { shape, frame } = vertebra;
    const arch = archGeometry(shape);
    const halfDepthMm = shape.depthMm / 2;
    const bodyVMaxMm = Math.max(superiorEndplateVMm(shape, halfDepthMm, 0), superiorEndplateVMm(shape, -halfDepthMm, 0));
    const bodyVMinMm = Math.min(inferiorEndplateVMm(shape, halfDepthMm, 0), inferiorEndplateVMm(shape, -halfDepthMm, 0));
    const discAboveMm = i > 0 ? elementAt(spine.vertebrae, i - 1, 'vertebra').discBelowMm : CANAL_EXTENSION_AT_ENDS_MM;
    const discBelow = i < count - 1 ? vertebra.discBelowMm : CANAL_EXTENSION_AT_ENDS_MM;
    // 0.7 of each disc (not 0.5) so neighbouring canals overlap whatever the tilts.
    const canalVMaxMm = bodyVMaxMm + 0.7 * discAboveMm;
    const canalVMinMm = bodyVMinMm - 0.7 * discBelow;
    const extent = archExtent(arch);
    const uMin = extent.uMinMm - BOX_MARGIN_MM;
    const uMax = halfDepthMm + BOX_MARGIN_MM;
    const vMin = Math.min(canalVMinMm, extent.vMinMm) - BOX_MARGIN_MM;
    const vMax = canalVMaxMm + BOX_MARGIN_MM;
    const cornersUv: ReadonlyArray<readonly [number, number]> = [
      [uMin, vMin], [uMin, vMax], [uMax, vMin], [uMax, vMax],
    ];
    const corners = cornersUv.map(([u, v]) => localToPatient(frame, [u, v, 0]));
    const ys = corners.map((p) => p[1]);
    const zs = corners.map((p) => p[2]);
    return {
      shape,
      map: buildCrossSectionMap(shape),
      arch,
      centreX: frame.centreMm[0],
      centreY: frame.centreMm[1],
      centreZ: frame.centreMm[2],
      anteriorY: frame.anterior[1],
      anteriorZ: frame.anterior[2],
      cranialY: frame.cranial[1],
      cranialZ: frame.cranial[2],
      bodyVMinMm: bodyVMinMm - 1,
      bodyVMaxMm: bodyVMaxMm + 1,
      canalVMinMm,
      canalVMaxMm,
      xMaxAbsMm: Math.max(extent.wMaxMm, shape.widthMm / 2) + BOX_MARGIN_MM,
      yMinMm: Math.min(...ys),
      yMaxMm: Math.max(...ys),
      zMinMm: Math.min(...zs),
      zMaxMm: Math.max(...zs),
      cementBalls: spine.cement && spine.cement.level === shape.level ? spine.cement.balls : [],
    };
  });
  return { vertebrae };
}
