/** What an overlay shows for one viewport; written only by the cornerstone bridge. */
export interface ViewportSnapshot {
  sliceIndex: number;
  sliceCount: number;
  /** Signed coordinate of the slice along its axis (x, y or z), mm; null for an oblique plane. */
  slicePositionMm: number | null;
  sliceAxis: 'x' | 'y' | 'z' | 'n';
  windowWidth: number | null;
  windowCenter: number | null;
  /** Letters at the left, right, top and bottom edges, e.g. { left: 'A', right: 'P', top: 'S', bottom: 'I' }. */
  edges: { left: string; right: string; top: string; bottom: string };
  /** Patient mm (or pixels when uncalibrated) per canvas pixel. */
  worldPerCanvasPixel: number | null;
  canvasWidth: number;
  /** Inverted by the reader: against how the images are meant to be seen (MONOCHROME1 opens drawn inverted). */
  invert: boolean;
}
