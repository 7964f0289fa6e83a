import { configForRoot, configFromUrl, retrieveInstance, retrieveSeriesMetadata, searchSeries, searchStudies, storeInstances, studyUidsFromUrl, } from '../dicomweb';
import { stringValue } from '../dicomweb/dicomJson';
import { PACS_PAGE_SIZE } from '../state/pacsState';
import { loadDicomWebSeries, applyCredentialsToImages } from '../loading/dicomWebSeries';
import { NON_IMAGE_MODALITIES, confirmedEarlySlice, seriesOpenedFirst } from '../loading/earlyFrame';
import { earlyViewMeta } from '../loading/entrySlice';
import { selectSeries } from './selectSeries';
import { getState, setState } from '../state/store';
import { addInstances } from '../state/instances';
import { buildSeriesReport } from './exportSr';
import { importSrBytes } from './importMeasurements';
import { initCornerstone } from '../cornerstone/initCornerstone';
/** The last failed operation, offered again by "Retry". */
let retryLast = null;
function patch(update) {
    setState((s) => ({ pacs: { ...s.pacs, ...update } }));
}
async function run(label, operation) {
    patch({ busy: label, error: null });
    retryLast = () => run(label, operation).then(() => undefined);
    try {
        const error = await operation();
        if (error) {
            patch({
                busy: null,
                error: { message: error.message, kind: error.kind, canRetry: true },
                // A PACS that wants credentials gets them from the settings form.
                ...(error.kind === 'unauthorized' || error.kind === 'forbidden' ? { settingsOpen: true } : {}),
            });
            return false;
        }
        patch({ busy: null });
        retryLast = null;
        return true;
    }
    catch (error) {
        patch({ busy: null, error: { message: `${label} failed: ${error instanceof Error ? error.message : String(error)}`, kind: 'other', canRetry: true } });
        return false;
    }
}
export async function retryPacs() {
    if (retryLast)
        await retryLast();
}
/** Uses a DICOMweb server from now on (the same root for QIDO, WADO and STOW), with optional credentials. */
export function connectPacs(root, auth) {
    const config = configForRoot(root, auth);
    applyCredentialsToImages(config);
    patch({ config, settingsOpen: false, error: null });
}
function requireConfig() {
    const config = getState().pacs.config;
    if (!config)
        patch({ settingsOpen: true, error: { message: 'Set up the DICOMweb server first.', kind: 'other', canRetry: false } });
    return config;
}
/** QIDO-RS search, one page at a time (limit/offset), newest first unless sorted otherwise. */
export async function searchPacs(query, page = 0) {
    const config = requireConfig();
    if (!config)
        return;
    patch({ query, page });
    await run('Searching the PACS', async () => {
        const result = await searchStudies(config, { ...query, limit: PACS_PAGE_SIZE, offset: page * PACS_PAGE_SIZE });
        if (!result.ok)
            return result.error;
        patch({ results: result.value });
        return null;
    });
}
export function sortPacs(key) {
    const { sort } = getState().pacs;
    patch({ sort: { key, ascending: sort.key === key ? !sort.ascending : true } });
}
function contentDateTime(json) {
    return `${stringValue(json, '00080023') || stringValue(json, '00080021')}${stringValue(json, '00080033') || stringValue(json, '00080031')}`;
}
/** Finds the newest measurement SR among the study's SR series (from the one QIDO series search) and restores its vertebrae. */
async function restoreNewestReport(config, studyUID, srSeries) {
    let newest = null;
    for (const series of srSeries) {
        const metadata = await retrieveSeriesMetadata(config, studyUID, series.seriesInstanceUID);
        if (!metadata.ok)
            return metadata.error;
        for (const json of metadata.value) {
            const when = contentDateTime(json);
            if (!newest || when > newest.when)
                newest = { json, seriesUID: series.seriesInstanceUID, when };
        }
    }
    if (!newest)
        return null;
    const reference = {
        studyInstanceUID: studyUID,
        seriesInstanceUID: newest.seriesUID,
        sopInstanceUID: stringValue(newest.json, '00080018'),
        sopClassUID: stringValue(newest.json, '00080016'),
    };
    const bytes = await retrieveInstance(config, studyUID, reference.seriesInstanceUID, reference.sopInstanceUID);
    if (!bytes.ok)
        return bytes.error;
    patch({ latestReports: { ...getState().pacs.latestReports, [studyUID]: reference } });
    await importSrBytes(bytes.value, `measurement report of ${newest.when.slice(0, 8) || 'unknown date'} from the PACS`);
    return null;
}
/** Opens a study from the PACS: its image series through WADO-RS, then its newest measurement report. */
export async function openPacsStudy(studyUID) {
    const config = requireConfig();
    if (!config)
        return;
    // The image loader starts while the PACS answers the series search and sends the metadata.
    const loaderReady = initCornerstone();
    await run('Opening the study from the PACS', async () => {
        // One QIDO search serves both the image series and the measurement reports (SR).
        const series = await searchSeries(config, studyUID);
        if (!series.ok)
            return series.error;
        const imageSeries = series.value.filter((s) => !NON_IMAGE_MODALITIES.has(s.modality));
        const [firstImageSeries] = imageSeries;
        if (firstImageSeries === undefined)
            return { kind: 'not-found', message: 'This study has no image series in the PACS.' };
        let firstKey = null;
        for (const entry of imageSeries) {
            const known = getState().instances.some((i) => i.meta.seriesInstanceUID === entry.seriesInstanceUID && i.imageIds.some((id) => id.startsWith('wadors:')));
            if (!known) {
                const loaded = await loadDicomWebSeries(config, studyUID, entry.seriesInstanceUID, loaderReady);
                if (!loaded.ok)
                    return loaded.error;
                addInstances(loaded.instances, []);
            }
            firstKey ??= entry.seriesInstanceUID;
        }
        // The series the early frame was requested for (loading/earlyFrame.ts): the same choice.
        const preferred = seriesOpenedFirst(imageSeries) ?? firstImageSeries;
        selectSeries(preferred.seriesInstanceUID || firstKey);
        return restoreNewestReport(config, studyUID, series.value.filter((s) => s.modality === 'SR'));
    });
}
/**
 * Stores the measurements of the series on screen in the PACS as a new DICOM SR (STOW-RS) that names the previous
 * report as its predecessor. Until it succeeds the measurements stay in the browser store.
 */
export async function saveToPacs() {
    const config = requireConfig();
    if (!config)
        return;
    const studyUID = getState().plan ? getState().instances.find((i) => i.meta.seriesInstanceUID === getState().activeSeriesKey)?.meta.studyInstanceUID : undefined;
    const predecessor = studyUID ? getState().pacs.latestReports[studyUID] : undefined;
    const report = await buildSeriesReport(predecessor);
    if (!report)
        return;
    await run('Saving to the PACS', async () => {
        const stored = await storeInstances(config, [report.bytes]);
        if (!stored.ok)
            return stored.error;
        if (stored.value.failed.length > 0) {
            return { kind: 'server', message: `The PACS refused the report: ${stored.value.failed.map((f) => f.reason).join('; ')}` };
        }
        if (studyUID)
            patch({ latestReports: { ...getState().pacs.latestReports, [studyUID]: report.reference } });
        setState({ transferNotice: { kind: 'info', text: `Saved to the PACS as a new measurement report (${report.fileName}).`, details: [...(predecessor ? ['It supersedes the previous report, which stays in the PACS.'] : []), ...report.leftOut] } });
        return null;
    });
}
/**
 * Lays out the first study's series for its middle slice as soon as that slice is established (loading/earlyFrame.ts),
 * before the series metadata is in, so its image can be drawn (cornerstone/earlyImage.ts): only a calibrated
 * single-frame image, which an MPR plan would show, and only while nothing of the study is loaded yet.
 */
async function offerEarlyView(opening) {
    const slice = await confirmedEarlySlice();
    if (slice === null || !opening() || getState().plan !== null || getState().instances.length > 0)
        return;
    const meta = earlyViewMeta(slice);
    if (meta === null)
        return;
    setState({
        earlyView: {
            seriesKey: slice.seriesUID,
            imageId: `wadors:${slice.frameUrl}`,
            metadata: slice.metadata,
            meta,
            sliceCount: slice.sliceCount,
            endPositionsMm: slice.endPositionsMm,
        },
    });
}
/** Links from other systems: `?dicomweb=/dicom-web&StudyInstanceUIDs=…` connects and opens those studies. */
export async function openFromUrl(search) {
    const config = configFromUrl(search);
    if (!config)
        return;
    applyCredentialsToImages(config);
    patch({ config });
    let opening = true;
    void offerEarlyView(() => opening);
    try {
        for (const uid of studyUidsFromUrl(search))
            await openPacsStudy(uid);
    }
    finally {
        // The plan (or a message) has replaced it.
        opening = false;
        setState({ earlyView: null });
    }
}
