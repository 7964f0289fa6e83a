import { wadouri } from '@cornerstonejs/dicom-image-loader';
import { parseInstance } from './parseInstance';
import { readFileBytes } from './fileBytes';
/** Files arrive in batches so the series list fills while a large folder is still being read. */
const BATCH_SIZE = 24;
/** How many bytes each file gave when it was read whole (see `lengthReadOf`). */
const lengthsRead = new WeakMap();
/**
 * The length of the file's bytes as read whole here, or undefined for a file not read here. Asking the file itself
 * (`File.size`) is a synchronous round trip to the browser process for each file chosen from disk (Chromium checks
 * the file's metadata): about 3 ms of the page's main thread per file on a loaded 2-core machine, 1 s for 300 files.
 */
export function lengthReadOf(file) {
    return lengthsRead.get(file);
}
function displayName(file) {
    return file.webkitRelativePath || file.name;
}
/** Image ids for each frame: `dicomfile:N` for one frame, `dicomfile:N&frame=K` (1-based) for multi-frame. */
function imageIdsFor(baseImageId, frameCount) {
    if (frameCount <= 1)
        return [baseImageId];
    return Array.from({ length: frameCount }, (_, i) => `${baseImageId}&frame=${i + 1}`);
}
/**
 * Reads local files in the browser (nothing leaves the machine), parses each one and registers the usable ones with
 * the image loader. A bad file becomes a problem with its name; it never stops the others. `onImage` is given each
 * image's ids as soon as its file is registered (before its batch), so work on it can overlap the reading of the next
 * files. `bytes` are the files' bytes being read (started by the caller before the loader is ready, or here); they are
 * taken in the files' order, so batches, instances and problems keep that order.
 */
export async function readLocalFiles(files, onBatch, onImage, bytes = readFileBytes(files)) {
    let batch = { instances: [], problems: [] };
    for (const [i, file] of files.entries()) {
        const name = displayName(file);
        try {
            const buffer = await bytes.take(i);
            lengthsRead.set(file, buffer.byteLength);
            // fileManager.add gives the image id itself ("dicomfile:N"); the loader's cache key is the part after the scheme.
            const baseImageId = wadouri.fileManager.add(file);
            const uri = baseImageId.slice(baseImageId.indexOf(':') + 1);
            // The loader sorts slices and reads geometry from cached datasets: register each file before any volume is
            // built, handing over the bytes already read so the file is not read twice, and read the viewer's metadata
            // from the dataset the cache parsed so it is not parsed twice. A file the cache cannot parse is parsed again
            // by parseInstance, which says why it is unusable.
            const parsed = await wadouri.dataSetCacheManager.load(uri, () => Promise.resolve(buffer), baseImageId).catch(() => undefined);
            const outcome = parseInstance(name, new Uint8Array(buffer), parsed);
            if (!outcome.ok) {
                if (parsed !== undefined)
                    wadouri.dataSetCacheManager.unload(uri);
                wadouri.fileManager.remove(Number(uri));
                batch.problems.push({ fileName: name, message: outcome.message, severity: 'error' });
            }
            else {
                const imageIds = outcome.meta.kind === 'image' ? imageIdsFor(baseImageId, outcome.meta.numberOfFrames) : [];
                batch.instances.push({
                    meta: outcome.meta,
                    imageIds,
                    ...(outcome.meta.kind === 'sr' ? { srBytes: new Uint8Array(buffer) } : {}),
                });
                if (imageIds.length > 0)
                    onImage?.(imageIds);
                for (const warning of outcome.warnings)
                    batch.problems.push({ fileName: name, message: warning, severity: 'warning' });
            }
        }
        catch (error) {
            batch.problems.push({ fileName: name, message: `could not be read: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' });
        }
        const done = i + 1;
        if (done % BATCH_SIZE === 0 || done === files.length) {
            onBatch(batch, { filesRead: done, filesTotal: files.length });
            batch = { instances: [], problems: [] };
            await new Promise((resolve) => setTimeout(resolve, 0));
        }
    }
}
/** Every file under the dropped items, folders included (recursively). */
export async function filesFromDataTransfer(dataTransfer) {
    const entries = Array.from(dataTransfer.items)
        .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
        .filter((e) => e !== null && e !== undefined);
    if (entries.length === 0)
        return Array.from(dataTransfer.files);
    const out = [];
    const walk = async (entry) => {
        if (entry.isFile) {
            out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
        }
        else if (entry.isDirectory) {
            const reader = entry.createReader();
            // readEntries returns at most ~100 entries per call: read until it returns none.
            for (;;) {
                const children = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
                if (children.length === 0)
                    break;
                for (const child of children)
                    await walk(child);
            }
        }
    };
    for (const entry of entries)
        await walk(entry);
    return out;
}
