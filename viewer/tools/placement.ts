import { POINT_LABELS, type PointName } from '../../measurement';
import { PLACEMENT_ORDER } from '../model/vertebraAnnotation';

/** The point the next click places, or null once all six are placed. */
export function nextPointName(placedCount: number): PointName | null {
  return PLACEMENT_ORDER[placedCount] ?? null;
}

/** How the next point is placed: a click, or Enter at the keyboard cursor. */
export type PlacementInput = 'mouse' | 'keyboardCursor';

/** A short guide for the user: which corner to place next, and how. */
export function placementGuide(placedCount: number, input: PlacementInput = 'mouse'): string {
  const next = nextPointName(placedCount);
  if (!next) return 'Vertebra complete';
  const step = `the ${POINT_LABELS[next]} point (${placedCount + 1} of 6)`;
  return input === 'mouse'
    ? `Click ${step}; Esc cancels`
    : `Enter places ${step} at the cursor; arrows move it (Shift: 10 px)`;
}

/** What the image analysis does with the next click on the view: a body to propose, or an end of the spine to detect. */
export type BodyClick = 'propose' | 'firstOfSpine' | 'lastOfSpine';

/**
 * The guide while clicks (and Enter at the keyboard cursor, which places as a click does) go to the image analysis rather
 * than placing points ("1 click" mode, or "Detect vertebrae"), so that the words over the image say what the click does.
 */
export function bodyClickGuide(click: BodyClick, level: string, input: PlacementInput = 'mouse'): string {
  const act = input === 'mouse' ? 'click' : 'press Enter at';
  switch (click) {
    case 'firstOfSpine':
      return `Detect vertebrae: ${act} the centre of the first body to measure (${level}), then of the last; Esc cancels`;
    case 'lastOfSpine':
      return `Detect vertebrae: now ${act} the centre of the last body to measure; Esc cancels`;
    case 'propose':
      return `${level}: ${input === 'mouse' ? 'click inside' : 'press Enter with the cursor inside'} the vertebral body to propose its six points`;
  }
}
