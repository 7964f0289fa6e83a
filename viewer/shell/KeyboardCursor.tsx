import './keyboardCursor.css';
import { activeKeyboardCursor } from '../actions/keyboardCursor';
import { useAppState } from '../state/useAppState';

/** Arms of the crosshair: from the gap around the point (px) to the arm's end (px). */
const GAP_PX = 4;
const ARM_PX = 14;
const ARMS: ReadonlyArray<readonly [number, number, number, number]> = [
  [-ARM_PX, 0, -GAP_PX, 0],
  [GAP_PX, 0, ARM_PX, 0],
  [0, -ARM_PX, 0, -GAP_PX],
  [0, GAP_PX, 0, ARM_PX],
];

/** The keyboard cursor, drawn on its view at the canvas position the next Enter places a point at. */
export function KeyboardCursor({ viewportId }: { viewportId: string }) {
  const cursor = useAppState(activeKeyboardCursor);
  if (!cursor || cursor.viewportId !== viewportId) return null;
  return (
    <div className="keyboard-cursor" data-testid="keyboard-cursor" data-x-px={cursor.xPx} data-y-px={cursor.yPx} aria-hidden="true" style={{ left: cursor.xPx, top: cursor.yPx }}>
      <svg width={32} height={32} viewBox="-16 -16 32 32">
        {ARMS.map(([x1, y1, x2, y2]) => <line key={`h${x1},${y1}`} className="keyboard-cursor__halo" x1={x1} y1={y1} x2={x2} y2={y2} />)}
        {ARMS.map(([x1, y1, x2, y2]) => <line key={`a${x1},${y1}`} className="keyboard-cursor__arm" x1={x1} y1={y1} x2={x2} y2={y2} />)}
        <circle className="keyboard-cursor__ring" r={GAP_PX + 2} />
      </svg>
    </div>
  );
}
