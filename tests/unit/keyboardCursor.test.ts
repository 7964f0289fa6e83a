import { describe, expect, it } from 'vitest';
import {
  CURSOR_LONG_STEP_PX,
  clampToCanvas,
  cursorAtCentre,
  cursorStepPx,
  moveCursor,
  type KeyboardCursor,
} from '../../viewer/model/keyboardCursor';
import { placementGuide } from '../../viewer/tools/placement';

const view = { widthPx: 801, heightPx: 600 };
const at = (xPx: number, yPx: number): KeyboardCursor => ({ viewportId: 'sagittal', xPx, yPx });

describe('cursorStepPx', () => {
  it.each([
    ['ArrowLeft', false, [-1, 0]],
    ['ArrowRight', false, [1, 0]],
    ['ArrowUp', false, [0, -1]],
    ['ArrowDown', false, [0, 1]],
    ['ArrowLeft', true, [-CURSOR_LONG_STEP_PX, 0]],
    ['ArrowDown', true, [0, CURSOR_LONG_STEP_PX]],
  ] as const)('moves %s (long: %s) by %j canvas pixels', (key, long, step) => {
    expect(cursorStepPx(key, long)).toEqual(step);
  });

  it.each([['Enter'], ['PageUp'], ['a']])('has no step for %s', (key) => {
    expect(cursorStepPx(key, false)).toBeNull();
  });
});

describe('cursorAtCentre', () => {
  it('starts on the whole pixel at the middle of the view', () => {
    expect(cursorAtCentre('sagittal', view)).toEqual(at(400, 300));
  });
});

describe('moveCursor', () => {
  it('adds the step', () => {
    expect(moveCursor(at(400, 300), [-10, 1], view)).toEqual(at(390, 301));
  });

  it.each([
    [at(3, 300), [-10, 0], at(0, 300)],
    [at(795, 300), [10, 0], at(800, 300)],
    [at(400, 0), [0, -1], at(400, 0)],
    [at(400, 595), [0, 10], at(400, 599)],
  ] as const)('keeps %j moved by %j on the canvas: %j', (cursor, step, expected) => {
    expect(moveCursor(cursor, step, view)).toEqual(expected);
  });
});

describe('clampToCanvas', () => {
  it('returns the same cursor when it is on the canvas', () => {
    const cursor = at(10, 10);
    expect(clampToCanvas(cursor, view)).toBe(cursor);
  });

  it('brings a cursor back onto a view that has shrunk', () => {
    expect(clampToCanvas(at(700, 500), { widthPx: 400, heightPx: 300 })).toEqual(at(399, 299));
  });
});

describe('placementGuide with the keyboard cursor', () => {
  it('says which key places which point', () => {
    expect(placementGuide(0, 'keyboardCursor')).toMatch(/Enter places the anterior superior point \(1 of 6\)/);
    expect(placementGuide(6, 'keyboardCursor')).toBe('Vertebra complete');
  });

  it('still asks for a click by default', () => {
    expect(placementGuide(2)).toMatch(/^Click the middle superior point \(3 of 6\)/);
  });
});
