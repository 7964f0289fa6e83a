/**
 * The keyboard cursor: a point on one view, in canvas CSS pixels (cornerstone's canvas coordinates), that the arrow
 * keys move and Enter places the next point at. It stays on the screen spot like a mouse pointer: zoom or pan move the
 * image under it, not the cursor.
 */
export interface KeyboardCursor {
  readonly viewportId: string;
  /** Canvas position, CSS pixels from the view's top left corner. */
  readonly xPx: number;
  readonly yPx: number;
}

/** A view's canvas size in CSS pixels. */
export interface CanvasSizePx {
  readonly widthPx: number;
  readonly heightPx: number;
}

/** Screen pixels one arrow press moves the cursor; with Shift, the long step. */
export const CURSOR_STEP_PX = 1;
export const CURSOR_LONG_STEP_PX = 10;

const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** How far (canvas px, x right and y down) an arrow key moves the cursor; null for any other key. */
export function cursorStepPx(key: string, long: boolean): readonly [number, number] | null {
  const direction = DIRECTIONS[key];
  if (!direction) return null;
  const step = long ? CURSOR_LONG_STEP_PX : CURSOR_STEP_PX;
  return [direction[0] * step, direction[1] * step];
}

/** The cursor kept on the canvas (a click cannot land outside it either). */
export function clampToCanvas(cursor: KeyboardCursor, size: CanvasSizePx): KeyboardCursor {
  const xPx = Math.min(Math.max(cursor.xPx, 0), Math.max(0, size.widthPx - 1));
  const yPx = Math.min(Math.max(cursor.yPx, 0), Math.max(0, size.heightPx - 1));
  return xPx === cursor.xPx && yPx === cursor.yPx ? cursor : { ...cursor, xPx, yPx };
}

/** The cursor moved by a step, kept on the canvas. */
export function moveCursor(cursor: KeyboardCursor, stepPx: readonly [number, number], size: CanvasSizePx): KeyboardCursor {
  return clampToCanvas({ ...cursor, xPx: cursor.xPx + stepPx[0], yPx: cursor.yPx + stepPx[1] }, size);
}

/** A new cursor at the centre of a view, on a whole pixel so that each step lands on whole pixels too. */
export function cursorAtCentre(viewportId: string, size: CanvasSizePx): KeyboardCursor {
  return { viewportId, xPx: Math.floor(size.widthPx / 2), yPx: Math.floor(size.heightPx / 2) };
}
