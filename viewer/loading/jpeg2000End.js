/** JPEG 2000 transfer syntaxes (PS3.5 A.4.4), decoded by cornerstone's openjpeg codec. */
export const OPENJPEG_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);
/** ISO/IEC 15444-1 A.4.4: every codestream ends with the end-of-codestream marker EOC, FF D9. */
const EOC_FIRST_BYTE = 0xff;
const EOC_SECOND_BYTE = 0xd9;
/** Bytes some encoders write after EOC to make a fragment even (PS3.5 A.4): 00, or FF as in real GE CT files. */
const PADDING_BYTES = new Set([0x00, 0xff]);
/**
 * Whether a JPEG 2000 frame (a raw codestream, or a JP2 file whose codestream box comes last) is cut short: it must end
 * with EOC, after any padding. Null when it does.
 *
 * Why this is checked before decoding: cornerstone 5.14's openjpeg decoder, given a codestream without its end
 * (even one missing only the final two bytes), reports no error and hands back the frame it decoded before, so a
 * truncated slice would show another image's pixels.
 */
export function jpeg2000EndProblem(frame) {
    let end = frame.length;
    while (end > 0 && PADDING_BYTES.has(frame[end - 1] ?? -1))
        end--;
    const endsWithEoc = end >= 2 && frame[end - 1] === EOC_SECOND_BYTE && frame[end - 2] === EOC_FIRST_BYTE;
    return endsWithEoc ? null : 'the JPEG 2000 data is cut short: it does not end with its end-of-codestream marker (FFD9)';
}
