import type { LoadedInstance } from './grouping';

/** A file left out because another file has the same SOP Instance UID, with which one was kept and why. */
export interface DuplicateInstance {
  dropped: LoadedInstance;
  kept: LoadedInstance;
  message: string;
}

/** Whether `candidate` is a better copy than `current`: one whose geometry is well formed wins, else the first read. */
function isBetterCopy(candidate: LoadedInstance, current: LoadedInstance): boolean {
  return Boolean(current.meta.malformedGeometry) && !candidate.meta.malformedGeometry;
}

/**
 * One instance per SOP Instance UID, in reading order: the copy that passes the checks (well-formed geometry), else the
 * first read; and for every other copy, a message naming the file kept and why.
 */
export function deduplicateInstances(instances: readonly LoadedInstance[]): { kept: LoadedInstance[]; duplicates: DuplicateInstance[] } {
  const chosen = new Map<string, LoadedInstance>();
  for (const instance of instances) {
    const uid = instance.meta.sopInstanceUID;
    if (!uid) continue;
    const current = chosen.get(uid);
    if (!current || isBetterCopy(instance, current)) chosen.set(uid, instance);
  }
  const kept: LoadedInstance[] = [];
  const duplicates: DuplicateInstance[] = [];
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
