import { activeKeyboardCursor } from '../actions/keyboardCursor';
import { bodyClickGuide, placementGuide, type BodyClick } from '../tools/placement';
import { useAppState } from '../state/useAppState';

/**
 * What the next click does, shown over the views, where the eyes are while measuring: which corner of which level it
 * places, or, while clicks go to the image analysis ("1 click", "Detect vertebrae"), which body to click.
 */
export function PlacementGuide() {
  const primaryTool = useAppState((s) => s.primaryTool);
  const nextLevel = useAppState((s) => s.nextLevel);
  const placementCount = useAppState((s) => s.placementCount);
  const byKeyboard = useAppState((s) => activeKeyboardCursor(s) !== null);
  const bodyClick = useAppState((s): BodyClick | null => {
    if (s.assist.detection) return s.assist.detection.step === 'first' ? 'firstOfSpine' : 'lastOfSpine';
    return s.assist.mode === 'click' && s.placementCount === 0 ? 'propose' : null;
  });
  if (primaryTool !== 'vertebralHeight') return null;
  const input = byKeyboard ? 'keyboardCursor' : 'mouse';
  return (
    <div className="placement-guide" role="status" data-testid="placement-guide" data-placed={placementCount} data-input={input} data-body-click={bodyClick ?? ''}>
      {bodyClick ? bodyClickGuide(bodyClick, nextLevel, input) : `${nextLevel}: ${placementGuide(placementCount, input)}`}
    </div>
  );
}
