import { readLocalFiles } from '../loading/localFiles';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { decodeAhead } from '../cornerstone/decodeAhead';
import { warmUpCanvas2d } from '../loading/canvasWarmUp';
import { readFileBytes } from '../loading/fileBytes';
import { warmUpEngine } from '../cornerstone/renderingEngine';
import { fetchSampleFiles, fetchSampleManifest } from '../loading/sampleStudy';
import { getState, setState } from '../state/store';
import { addInstances } from '../state/instances';
import { importSrBytes } from './importMeasurements';
import { selectSeries } from './selectSeries';
/** Reads files chosen or dropped by the user; the first image series opens as soon as it is complete. */
export async function openFiles(files, label = 'Reading files') {
    if (files.length === 0)
        return;
    setState({ fileProgress: { filesRead: 0, filesTotal: files.length, label }, status: null });
    // The bytes are read from now on, in a worker, while the loader gets ready and the display is set up.
    const bytes = readFileBytes(files);
    // Initialising the loader purges its dataset cache: it must happen before the first file is registered.
    try {
        await initCornerstone();
    }
    catch (error) {
        bytes.cancel();
        throw error;
    }
    const reports = [];
    // Each native frame is decoded into its volume's array as its file is read, while the next files are read.
    const reading = readLocalFiles(files, (batch, progress) => {
        addInstances(batch.instances, batch.problems);
        for (const instance of batch.instances)
            if (instance.srBytes)
                reports.push({ bytes: instance.srBytes, fileName: instance.meta.fileName });
        setState({ fileProgress: { ...progress, label } });
    }, decodeAhead, bytes);
    // What the display needs whatever the files hold is set up while they are read, not after the last one: the page's
    // 2-D canvas machinery (for the early image, see canvasWarmUp.ts and earlyImage.ts) and the rendering engine's WebGL
    // context. Both hold the page's main thread; the worker reads on meanwhile.
    warmUpCanvas2d();
    warmUpEngine();
    await reading;
    setState({ fileProgress: null });
    if (!getState().activeSeriesKey)
        selectFirstImageSeries();
    // Measurement reports opened with (or after) their images put their vertebrae back on them.
    for (const report of reports)
        await importSrBytes(report.bytes, report.fileName);
}
/** Opens the preferred series: an axial CT for the phantom, else the first image series. */
export function selectFirstImageSeries() {
    const all = getState().patients.flatMap((p) => p.studies.flatMap((s) => s.series)).filter((s) => s.kind === 'image');
    const preferred = all.find((s) => s.modality === 'CT' && s.imageCount > 1) ?? all.find((s) => s.imageCount > 1) ?? all[0];
    if (preferred)
        selectSeries(preferred.key);
}
/** Fetches the generated phantom from the local server and opens it like local files. */
export async function openSample(studyKeys = ['baseline']) {
    try {
        setState({ fileProgress: { filesRead: 0, filesTotal: 1, label: 'Downloading sample study' }, status: null });
        const manifest = await fetchSampleManifest();
        const files = await fetchSampleFiles(manifest, studyKeys, (done, total) => setState({ fileProgress: { filesRead: done, filesTotal: total, label: 'Downloading sample study' } }));
        await openFiles(files, 'Reading sample study');
    }
    catch (error) {
        setState({ fileProgress: null, status: error instanceof Error ? error.message : String(error) });
    }
}
