/** Screen pixels one arrow press moves the cursor; with Shift, the long step. */
export const CURSOR_STEP_PX = 1;
export const CURSOR_LONG_STEP_PX = 10;
const DIRECTIONS = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
};
/** How far (canvas px, x right and y down) an arrow key moves the cursor; null for any other key. */
export function cursorStepPx(key, long) {
    const direction = DIRECTIONS[key];
    if (!direction)
        return null;
    const step = long ? CURSOR_LONG_STEP_PX : CURSOR_STEP_PX;
    return [direction[0] * step, direction[1] * step];
}
/** The cursor kept on the canvas (a click cannot land outside it either). */
export function clampToCanvas(cursor, size) {
    const xPx = Math.min(Math.max(cursor.xPx, 0), Math.max(0, size.widthPx - 1));
    const yPx = Math.min(Math.max(cursor.yPx, 0), Math.max(0, size.heightPx - 1));
    return xPx === cursor.xPx && yPx === cursor.yPx ? cursor : { ...cursor, xPx, yPx };
}
/** The cursor moved by a step, kept on the canvas. */
export function moveCursor(cursor, stepPx, size) {
    return clampToCanvas({ ...cursor, xPx: cursor.xPx + stepPx[0], yPx: cursor.yPx + stepPx[1] }, size);
}
/** A new cursor at the centre of a view, on a whole pixel so that each step lands on whole pixels too. */
export function cursorAtCentre(viewportId, size) {
    return { viewportId, xPx: Math.floor(size.widthPx / 2), yPx: Math.floor(size.heightPx / 2) };
}
