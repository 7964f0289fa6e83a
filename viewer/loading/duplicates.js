/** Whether `candidate` is a better copy than `current`: one whose geometry is well formed wins, else the first read. */
function isBetterCopy(candidate, current) {
    return Boolean(current.meta.malformedGeometry) && !candidate.meta.malformedGeometry;
}
/**
 * One instance per SOP Instance UID, in reading order: the copy that passes the checks (well-formed geometry), else the
 * first read; and for every other copy, a message naming the file kept and why.
 */
export function deduplicateInstances(instances) {
    const chosen = new Map();
    for (const instance of instances) {
        const uid = instance.meta.sopInstanceUID;
        if (!uid)
            continue;
        const current = chosen.get(uid);
        if (!current || isBetterCopy(instance, current))
            chosen.set(uid, instance);
    }
    const kept = [];
    const duplicates = [];
    for (const instance of instances) {
        const uid = instance.meta.sopInstanceUID;
        const winner = uid ? chosen.get(uid) : undefined;
        if (!winner || winner === instance) {
            kept.push(instance);
            continue;
        }
        const reason = winner.meta.malformedGeometry || !instance.meta.malformedGeometry
            ? 'it was read first'
            : `this copy's ${instance.meta.malformedGeometry.join('; ')}`;
        duplicates.push({
            dropped: instance,
            kept: winner,
            message: winner.meta.fileName === instance.meta.fileName
                ? 'this file is already open (same SOP Instance UID): the copy read first is shown'
                : `same SOP Instance UID as "${winner.meta.fileName}", which is shown instead (kept because ${reason})`,
        });
    }
    return { kept, duplicates };
}
