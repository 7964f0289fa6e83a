/** Points a dataset and every dataset nested in its sequences at `byteArray`, dropping elements past its end. */
function rebase(dataSet, byteArray) {
    dataSet.byteArray = byteArray;
    for (const [tag, element] of Object.entries(dataSet.elements)) {
        if (element.dataOffset + Math.max(0, element.length) > byteArray.length && tag !== 'x7fe00010') {
            delete dataSet.elements[tag];
            continue;
        }
        for (const item of element.items ?? [])
            if (item.dataSet)
                rebase(item.dataSet, byteArray);
    }
}
/**
 * Lets go of a parsed file's native pixel data: the dataset (and its nested sequence items) keeps a copy of the bytes
 * before the Pixel Data value, which every header element lies in, so the metadata read from it stays the same; the
 * file's bytes can then be collected. Elements after the Pixel Data (trailing padding, signatures) go with it.
 * Returns where the value lay, to read it back from the file when the frame is decoded again, or null when nothing
 * was released: no Pixel Data, encapsulated (compressed) pixel data, or already released.
 */
export function releasePixelData(dataSet) {
    const element = dataSet.elements.x7fe00010;
    if (element === undefined || element.encapsulatedPixelData === true || element.length <= 0)
        return null;
    if (element.dataOffset + element.length > dataSet.byteArray.length)
        return null;
    const range = { offsetBytes: element.dataOffset, lengthBytes: element.length };
    rebase(dataSet, dataSet.byteArray.slice(0, element.dataOffset));
    return range;
}
