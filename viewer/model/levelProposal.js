/**
 * The level selector's value after a vertebra is completed. The vertebra took the selector's value when its first
 * point was placed; if the selector now shows another level, the user picked it meanwhile (for the next vertebra) and
 * it is kept. Otherwise the proposal (e.g. the next level up the spine) replaces it, or the value stays when there is
 * no proposal. A proposal never overwrites a level the user picked.
 */
export function levelAfterCompletion(input) {
    if (input.selectedLevel !== input.completedLevel)
        return input.selectedLevel;
    return input.proposal ?? input.selectedLevel;
}
