/**
 * Where one greyscale frame lies in its file's bytes, when the page may read it there without copying it out:
 * 8 or 16 bits allocated, the whole frame inside the file, a 16-bit frame at an even address. `null` for whatever
 * else the library's own copy must handle. Decoding never writes into the file's bytes: the page's one pass
 * (`loading/nativeFrame.ts`) only reads them, and the frames it leaves to dicom-image-loader, whose sign extension
 * writes into its input, are handed a copy when signed (`uncompressedImage.ts`); so a signed frame with fewer bits
 * stored than allocated (a 12-bit CT) is read in place too.
 */
export function fileFrameRange(layout) {
    const { bitsAllocated, rows, columns, frameIndex } = layout;
    if (bitsAllocated !== 8 && bitsAllocated !== 16)
        return null;
    if (!Number.isInteger(frameIndex) || frameIndex < 0 || rows <= 0 || columns <= 0)
        return null;
    const lengthBytes = rows * columns * (bitsAllocated / 8);
    const offsetBytes = layout.pixelDataOffsetBytes + frameIndex * lengthBytes;
    if (offsetBytes + lengthBytes > layout.fileLengthBytes)
        return null;
    if (bitsAllocated === 16 && (layout.bufferOffsetBytes + offsetBytes) % 2 !== 0)
        return null;
    return { offsetBytes, lengthBytes };
}
