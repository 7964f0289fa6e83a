import { placementGuide } from '../tools/placement';
import { useAppState } from '../state/useAppState';

/** Which corner of which level the next click places: shown over the views, where the eyes are while measuring. */
export function PlacementGuide() {
  const primaryTool = useAppState((s) => s.primaryTool);
  const nextLevel = useAppState((s) => s.nextLevel);
  const placementCount = useAppState((s) => s.placementCount);
  if (primaryTool !== 'vertebralHeight') return null;
  return (
    <div className="placement-guide" role="status" data-testid="placement-guide" data-placed={placementCount}>
      {nextLevel}: {placementGuide(placementCount)}
    </div>
  );
}
