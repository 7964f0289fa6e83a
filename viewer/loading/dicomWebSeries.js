import { wadors, internal } from '@cornerstonejs/dicom-image-loader';
import { authHeader, retrieveSeriesMetadata } from '../dicomweb';
import { stringValue } from '../dicomweb/dicomJson';
import { instanceMetaFromDicomJson } from './dicomJsonMeta';
import { frameUrl } from './earlyFrame';
/** Headers every frame request sends: the PACS credentials of the open study, if any. */
let frameHeaders = {};
/** The headers a frame request must send (the PACS credentials of the open study, if any). */
export function frameRequestHeaders() {
    return frameHeaders;
}
/** Frame requests send the PACS credentials too (frames are fetched by the image loader, not by our client). */
export function applyCredentialsToImages(config) {
    const header = config ? authHeader(config) : null;
    frameHeaders = header ? { Authorization: header } : {};
    internal.setOptions({
        ...internal.getOptions(),
        beforeSend: () => (header ? { Authorization: header } : {}),
    });
}
/**
 * Registers a series of a DICOMweb study with the image loader: its WADO-RS metadata (one entry per frame) and the
 * frame URLs as `wadors:` image ids. Nothing is downloaded but the metadata; frames load when shown. The metadata is
 * fetched at once and registered once `loaderReady` settles (initialising the image loader purges what it holds), so
 * the download overlaps the loader's start-up.
 */
export async function loadDicomWebSeries(config, studyUID, seriesUID, loaderReady = Promise.resolve()) {
    const metadata = await retrieveSeriesMetadata(config, studyUID, seriesUID);
    if (!metadata.ok)
        return metadata;
    await loaderReady;
    const instances = metadata.value.map((json) => {
        const sopUID = stringValue(json, '00080018');
        const meta = instanceMetaFromDicomJson(json, `PACS ${seriesUID.slice(-8)}/${sopUID.slice(-12)}`);
        const imageIds = meta.kind === 'image'
            ? Array.from({ length: meta.numberOfFrames }, (_, i) => `wadors:${frameUrl({ wadoRoot: config.wadoRoot, studyUID, seriesUID, sopUID, frameNumber: i + 1 })}`)
            : [];
        for (const imageId of imageIds)
            wadors.metaDataManager.add(imageId, json);
        return { meta, imageIds };
    });
    return { ok: true, instances };
}
