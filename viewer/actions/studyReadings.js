/** Each study's vertebrae on the page, with the first reading a blinded repeat hides: hidden, never lost. */
export function vertebraeByStudy(state) {
    const map = new Map();
    const hidden = state.repeatReading?.phase === 'blinded' ? state.repeatReading.first : [];
    for (const m of [...Object.values(state.measurements.byId), ...hidden]) {
        const list = map.get(m.studyKey) ?? [];
        list.push(m);
        map.set(m.studyKey, list);
    }
    return map;
}
/** The same vertebra objects, in any order (objects are never changed in place, so identity means unchanged). */
export function sameVertebrae(a, b) {
    if (a.length !== b.length)
        return false;
    const set = new Set(b);
    return a.every((m) => set.has(m));
}
/** The repeat reading under way or finished on one of the study's series, or null. */
export function repeatOf(state, studyKey) {
    const repeat = state.repeatReading;
    return repeat !== null && [...repeat.first, ...repeat.second].some((m) => m.studyKey === studyKey) ? repeat : null;
}
/** A blinded repeat reading of one of the study's series is under way. */
export function blindedOn(state, studyKey) {
    return repeatOf(state, studyKey)?.phase === 'blinded';
}
/** What the study's record says of its repeat reading: the hidden first reading under way, or the finished comparison. */
export function savedRepeatReadingOf(state, studyKey) {
    const repeat = repeatOf(state, studyKey);
    const firstIds = repeat?.first.map((m) => m.id) ?? [];
    return {
        blinded: repeat?.phase === 'blinded' ? { seriesKey: repeat.seriesKey, firstIds } : null,
        compared: repeat?.phase === 'compared'
            ? { seriesKey: repeat.seriesKey, firstIds, second: [...repeat.second], secondLabel: repeat.secondLabel }
            : null,
    };
}
/** The finished repeat reading a restored record holds, with its first reading among the given vertebrae; or null. */
export function comparedReadingOf(restored, vertebrae) {
    const compared = restored?.comparedReading ?? null;
    if (compared === null)
        return null;
    const firstIds = new Set(compared.firstIds);
    const first = vertebrae.filter((m) => firstIds.has(m.id));
    if (first.length === 0)
        return null;
    return { seriesKey: compared.seriesKey, phase: 'compared', first, second: compared.second, secondLabel: compared.secondLabel };
}
/**
 * Splits restored vertebrae into those shown and the repeat reading the record held: a blinded one under way comes
 * back still blinded (its first reading hidden, so the reader never sees both at once), a finished one with its
 * comparison. Nothing is resumed when a repeat reading is already open in this tab (`current`).
 */
export function resumeRepeatReading(restored, vertebrae, current) {
    const blinded = restored?.blindedReading ?? null;
    if (current !== null)
        return { shown: [...vertebrae], repeat: null };
    if (blinded === null)
        return { shown: [...vertebrae], repeat: comparedReadingOf(restored, vertebrae) };
    const hiddenIds = new Set(blinded.firstIds);
    const first = vertebrae.filter((m) => hiddenIds.has(m.id));
    if (first.length === 0)
        return { shown: [...vertebrae], repeat: null };
    return {
        shown: vertebrae.filter((m) => !hiddenIds.has(m.id)),
        repeat: { seriesKey: blinded.seriesKey, phase: 'blinded', first, second: [], secondLabel: 'blinded repeat' },
    };
}
