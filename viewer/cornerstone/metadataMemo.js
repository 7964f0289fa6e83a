import { metaData } from '@cornerstonejs/metadata';
/**
 * Metadata modules that never change for an image once known and that cornerstone asks for over and over: the
 * crosshairs tool, for instance, looks up the image plane of every slice of the series (getClosestImageId) several
 * times per view on every render, and each look-up walks the provider chain and parses the numbers again.
 */
export const MEMOIZED_MODULES = new Set([
    'imagePlaneModule',
    'generalSeriesModule',
    'generalImageModule',
    'imagePixelModule',
    'modalityLutModule',
]);
/** Above every provider cornerstone and the DICOM image loader register (they use 0 and below). */
const MEMO_PROVIDER_PRIORITY = 10_000;
/** Images remembered before the memo starts again (a few hundred bytes each). */
export const MAX_MEMOIZED_IMAGES = 50_000;
/**
 * A metadata provider that answers the MEMOIZED_MODULES from what the other providers answered the first time (each
 * caller gets its own shallow copy, so a caller changing a field changes nothing for the others). An answer of
 * `undefined` (an image whose file is not parsed yet) is never remembered.
 */
export function createMetadataMemo(getMetaData) {
    const memo = new Map();
    let imageCount = 0;
    let resolving = false;
    return (type, query) => {
        if (resolving || typeof query !== 'string' || !MEMOIZED_MODULES.has(type))
            return undefined;
        let ofType = memo.get(type);
        const known = ofType?.get(query);
        if (known !== undefined)
            return { ...known };
        resolving = true;
        let answer;
        try {
            answer = getMetaData(type, query);
        }
        finally {
            resolving = false;
        }
        if (answer === null || typeof answer !== 'object' || Array.isArray(answer))
            return answer;
        if (imageCount >= MAX_MEMOIZED_IMAGES) {
            memo.clear();
            imageCount = 0;
        }
        if (ofType === undefined) {
            ofType = new Map();
            memo.set(type, ofType);
        }
        ofType.set(query, answer);
        imageCount += 1;
        return { ...answer };
    };
}
let installed = false;
/** Puts the memo in front of cornerstone's metadata providers (once). */
export function installMetadataMemo() {
    if (installed)
        return;
    installed = true;
    metaData.addProvider(createMetadataMemo((type, imageId) => metaData.get(type, imageId)), MEMO_PROVIDER_PRIORITY);
}
