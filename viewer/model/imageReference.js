/** The SOP instance and frame behind one of this session's image ids; null when no open instance has it. */
export function imageReferenceOf(instances, imageId) {
    for (const instance of instances) {
        const frame = instance.imageIds.indexOf(imageId);
        if (frame >= 0)
            return { sopInstanceUID: instance.meta.sopInstanceUID, frameNumber: instance.meta.numberOfFrames > 1 ? frame + 1 : null };
    }
    return null;
}
/** This session's image id of a referenced SOP instance and frame; null when that image is not open. */
export function imageIdOfReference(instances, reference) {
    const instance = instances.find((i) => i.meta.sopInstanceUID === reference.sopInstanceUID);
    if (!instance)
        return null;
    return instance.imageIds[(reference.frameNumber ?? 1) - 1] ?? null;
}
