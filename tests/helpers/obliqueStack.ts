import type { Vec3, Volume } from '../../analysis';

/**
 * A native sagittal stack as a scanner plans it along a spine (issue 12, point 5): the plane turned about the
 * patient's head–foot axis to follow a rotated patient or a scoliosis, tilted about the left–right axis, or both
 * (double-oblique), and its rows, columns or slices possibly running the other way (a flipped display, a workstation's
 * export). Built by resampling a phantom series with trilinear interpolation onto the stack's planes.
 */

/** A 3 × 3 rotation, rows first. */
export type Rotation = readonly [Vec3, Vec3, Vec3];

const IDENTITY: Rotation = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

function radians(angleDeg: number): [cos: number, sin: number] {
  const a = (angleDeg * Math.PI) / 180;
  return [Math.cos(a), Math.sin(a)];
}

/** A right-handed turn by `angleDeg` about the patient's x (left–right), y (front–back) or z (head–foot) axis. */
export function turnAbout(axis: 'x' | 'y' | 'z', angleDeg: number): Rotation {
  const [c, s] = radians(angleDeg);
  if (axis === 'x') return [[1, 0, 0], [0, c, -s], [0, s, c]];
  if (axis === 'y') return [[c, 0, s], [0, 1, 0], [-s, 0, c]];
  return [[c, -s, 0], [s, c, 0], [0, 0, 1]];
}

/** The turn that applies `turns` one after another, the first one first. */
export function turnsInOrder(...turns: readonly Rotation[]): Rotation {
  const product = (next: Rotation, done: Rotation): Rotation =>
    [0, 1, 2].map((r) => [0, 1, 2].map((c) => next[r]![0] * done[0][c]! + next[r]![1] * done[1][c]! + next[r]![2] * done[2][c]!)) as unknown as Rotation;
  return turns.reduce<Rotation>((done, next) => product(next, done), IDENTITY);
}

/** `v` turned by `turn`. */
export function rotate(turn: Rotation, v: Vec3): Vec3 {
  return [0, 1, 2].map((r) => turn[r]![0] * v[0] + turn[r]![1] * v[1] + turn[r]![2] * v[2]) as unknown as Vec3;
}

/** How the stack is laid out: its turn from a true sagittal stack, its flips, its pixels and slices. */
export interface StackPlan {
  /** Applied to the true sagittal directions (rows A→P, columns H→F, slices R→L, each after its flip below). */
  readonly turn: Rotation;
  /** Rows' pixels run posterior → anterior (the first ImageOrientationPatient triplet −y before the turn). */
  readonly rowsToFront?: boolean;
  /** Columns' pixels run foot → head (the second triplet +z before the turn): the image upside down. */
  readonly columnsToHead?: boolean;
  /** Slices ordered from the patient's left to right (−x before the turn); the phantom's MR orders them right → left. */
  readonly slicesToRight?: boolean;
  /** Distance between columns and between rows, mm (DICOM PixelSpacing the other way round). */
  readonly pixelMm: readonly [betweenColumns: number, betweenRows: number];
  /** Distance between the slices' planes, mm. */
  readonly sliceMm: number;
  /** Columns, rows and slices. */
  readonly size: readonly [number, number, number];
  /** Patient point (LPS, mm) at the centre of the stack's grid: the middle slice's centre. */
  readonly centreMm: Vec3;
  /** The value written where the stack reaches beyond the source (MR 0, CT air). */
  readonly outsideValue: number;
}

/**
 * `source` resampled (trilinear) onto the stack `plan` describes, as the Volume a native stack is read as: voxel
 * (i, j, k) at originMm + i·pixelMm[0]·rowCosine + j·pixelMm[1]·columnCosine + k·sliceMm·sliceCosine. Values rounded
 * to whole numbers, as a scanner stores them. The source's axes must be perpendicular and hold at least two samples
 * each (any phantom series does).
 */
export function obliqueStack(source: Volume, plan: StackPlan): Volume {
  const rowCosine = rotate(plan.turn, [0, plan.rowsToFront ? -1 : 1, 0]);
  const columnCosine = rotate(plan.turn, [0, 0, plan.columnsToHead ? 1 : -1]);
  const sliceCosine = rotate(plan.turn, [plan.slicesToRight ? -1 : 1, 0, 0]);
  const [columns, rows, slices] = plan.size;
  const originMm = [0, 1, 2].map((a) =>
    plan.centreMm[a]! -
    (rowCosine[a]! * plan.pixelMm[0] * (columns - 1)) / 2 -
    (columnCosine[a]! * plan.pixelMm[1] * (rows - 1)) / 2 -
    (sliceCosine[a]! * plan.sliceMm * (slices - 1)) / 2,
  ) as unknown as Vec3;
  // How far the source's voxel indices (i, j, k) move for `stepMm` along a unit direction; `start`: the stack origin's.
  const axes = [source.rowCosine, source.columnCosine, source.sliceCosine];
  const indexSteps = (direction: Vec3, stepMm: number) =>
    axes.map((axis, n) => ((axis[0] * direction[0] + axis[1] * direction[1] + axis[2] * direction[2]) * stepMm) / source.spacingMm[n]!);
  const alongColumn = indexSteps(rowCosine, plan.pixelMm[0]);
  const alongRow = indexSteps(columnCosine, plan.pixelMm[1]);
  const alongSlice = indexSteps(sliceCosine, plan.sliceMm);
  const start = indexSteps([originMm[0] - source.originMm[0], originMm[1] - source.originMm[1], originMm[2] - source.originMm[2]], 1);
  const [nx, ny, nz] = source.dimensions;
  const src = source.values;
  const bilinear = (at: number, ti: number, tj: number) =>
    (src[at]! * (1 - ti) + src[at + 1]! * ti) * (1 - tj) + (src[at + nx]! * (1 - ti) + src[at + nx + 1]! * ti) * tj;
  const values = new Float32Array(columns * rows * slices);
  let out = 0;
  for (let k = 0; k < slices; k += 1) {
    for (let j = 0; j < rows; j += 1) {
      let fi = start[0]! + k * alongSlice[0]! + j * alongRow[0]!;
      let fj = start[1]! + k * alongSlice[1]! + j * alongRow[1]!;
      let fk = start[2]! + k * alongSlice[2]! + j * alongRow[2]!;
      for (let i = 0; i < columns; i += 1, out += 1, fi += alongColumn[0]!, fj += alongColumn[1]!, fk += alongColumn[2]!) {
        if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi <= nx - 1 && fj <= ny - 1 && fk <= nz - 1)) {
          values[out] = plan.outsideValue;
          continue;
        }
        const i0 = Math.min(Math.floor(fi), nx - 2);
        const j0 = Math.min(Math.floor(fj), ny - 2);
        const k0 = Math.min(Math.floor(fk), nz - 2);
        const ti = fi - i0;
        const tj = fj - j0;
        const tk = fk - k0;
        const at = i0 + j0 * nx + k0 * nx * ny;
        values[out] = Math.round(bilinear(at, ti, tj) * (1 - tk) + bilinear(at + nx * ny, ti, tj) * tk);
      }
    }
  }
  return {
    kind: 'volume',
    values,
    dimensions: [columns, rows, slices],
    originMm,
    rowCosine,
    columnCosine,
    sliceCosine,
    spacingMm: [plan.pixelMm[0], plan.pixelMm[1], plan.sliceMm],
    calibrated: true,
    ...(source.header ? { header: source.header } : {}),
  };
}

/** `pointMm` moved along the stack's slice direction onto the nearest of its slices' planes. */
export function ontoNearestSlice(stack: Volume, pointMm: Vec3): Vec3 {
  const d = [0, 1, 2].map((a) => pointMm[a]! - stack.originMm[a]!);
  const alongMm = d[0]! * stack.sliceCosine[0] + d[1]! * stack.sliceCosine[1] + d[2]! * stack.sliceCosine[2];
  const offMm = alongMm - Math.round(alongMm / stack.spacingMm[2]) * stack.spacingMm[2];
  return [0, 1, 2].map((a) => pointMm[a]! - stack.sliceCosine[a]! * offMm) as unknown as Vec3;
}
