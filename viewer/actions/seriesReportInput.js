/**
 * The SR writer's input for a measured series: its assessed vertebrae (the series' one assessment), never a level
 * measured twice, each with the reader's reading when one was recorded and its review status when the image analysis
 * proposed it; null when no vertebra is left to write.
 */
export function seriesReportInput(series, morphometry, context) {
    const meta = series.instances[0]?.meta;
    const first = morphometry.rows[0]?.measurement;
    const vertebrae = morphometry.rows
        .filter((row) => !row.duplicate)
        .map(({ measurement: { level, points, reading, proposed, confidence } }) => ({
        level,
        points,
        ...(reading === undefined ? {} : { reading }),
        // A vertebra the image analysis proposed carries its review status into the SR (a TEXT item per group).
        ...(confidence === undefined ? {} : { proposal: { reviewed: proposed !== true, confidence } }),
    }));
    if (!meta || !first || vertebrae.length === 0)
        return null;
    const leftOut = morphometry.rows.filter((row) => row.duplicate).map((row) => `${row.error ?? ''} (not written to the report)`);
    return {
        leftOut,
        input: {
            patient: { name: meta.patientName, id: meta.patientId, birthDate: meta.patientBirthDate, sex: meta.patientSex },
            study: {
                studyInstanceUID: meta.studyInstanceUID,
                studyDate: meta.studyDate,
                studyTime: meta.studyTime,
                studyId: meta.studyId,
                accessionNumber: meta.accessionNumber,
                referringPhysicianName: meta.referringPhysicianName,
                description: meta.studyDescription,
            },
            series: { seriesInstanceUID: meta.seriesInstanceUID, frameOfReferenceUID: meta.frameOfReferenceUID || first.frameOfReferenceUID, modality: meta.modality, description: meta.seriesDescription },
            sourceImages: series.instances.filter((i) => i.meta.kind === 'image').map((i) => ({ sopClassUID: i.meta.sopClassUID, sopInstanceUID: i.meta.sopInstanceUID })),
            vertebrae,
            calibrated: morphometry.calibrated,
            appVersion: context.appVersion,
            now: context.now,
            ...(context.predecessor ? { predecessor: context.predecessor } : {}),
        },
    };
}
