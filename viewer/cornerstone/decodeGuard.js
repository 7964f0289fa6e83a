import { getWebWorkerManager } from '@cornerstonejs/core';
import { decodedFrameProblem } from '../loading/decodedFrame';
import { jpeg2000EndProblem, OPENJPEG_TRANSFER_SYNTAXES } from '../loading/jpeg2000End';
/** The worker and task names dicom-image-loader 5.14 decodes frames with (imageLoader/decodeImageFrame.js). */
const DECODE_WORKER = 'dicomImageLoader';
const DECODE_TASK = 'decodeTask';
const numberOr = (value, fallback) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
function requestedFrameOf(args) {
    const frame = args.imageFrame ?? {};
    const target = args.options?.targetBuffer;
    const targetRows = numberOr(target?.rows, 0);
    const targetColumns = numberOr(target?.columns, 0);
    return {
        transferSyntaxUID: typeof args.transferSyntax === 'string' ? args.transferSyntax : '',
        rows: numberOr(frame.rows, 0),
        columns: numberOr(frame.columns, 0),
        samplesPerPixel: numberOr(frame.samplesPerPixel, 1),
        photometricInterpretation: typeof frame.photometricInterpretation === 'string' ? frame.photometricInterpretation : '',
        scaledTo: targetRows > 0 && targetColumns > 0 ? { rows: targetRows, columns: targetColumns } : null,
        reducedResolution: numberOr(args.options?.decodeLevel, 0) > 0,
    };
}
/**
 * Checks every frame the DICOM image loader's decode workers hand back against the frame that was asked for, and
 * keeps cut-short JPEG 2000 frames (jpeg2000End.ts) from the decoder.
 *
 * dicom-image-loader 5.14's `createImage` post-processes the decoded frame inside a `.then` callback of a promise it
 * does not return: a frame of another size than the header's (a corrupt codestream, or a JPEG 2000 decoder that
 * hands back an earlier frame) makes it throw there ("decodeRGB: rgbBuffer length … must be divisible by 3"), the
 * image's promise never settles and its series never finishes loading. Rejecting such a frame here, where
 * `createImage` does listen, fails that one image with a message instead.
 */
export function installDecodeGuard() {
    const manager = getWebWorkerManager();
    if (manager.__decodeGuardInstalled)
        return;
    const execute = manager.executeTask.bind(manager);
    manager.executeTask = (workerName, methodName, args, options) => {
        if (workerName !== DECODE_WORKER || methodName !== DECODE_TASK)
            return execute(workerName, methodName, args, options);
        const task = args ?? {};
        const requested = requestedFrameOf(task);
        // A cut-short JPEG 2000 frame is never handed to the decoder, which would answer with the previous frame's pixels.
        const cutShort = OPENJPEG_TRANSFER_SYNTAXES.has(requested.transferSyntaxUID) && task.pixelData instanceof Uint8Array ? jpeg2000EndProblem(task.pixelData) : null;
        if (cutShort)
            return Promise.reject(new Error(cutShort));
        const result = execute(workerName, methodName, args, options);
        return result.then((decoded) => {
            const frame = (decoded ?? {});
            const problem = decodedFrameProblem(requested, {
                rows: typeof frame.rows === 'number' ? frame.rows : null,
                columns: typeof frame.columns === 'number' ? frame.columns : null,
                sampleCount: numberOr(frame.pixelData?.length, 0),
            });
            if (problem)
                throw new Error(problem);
            return decoded;
        });
    };
    manager.__decodeGuardInstalled = true;
}
