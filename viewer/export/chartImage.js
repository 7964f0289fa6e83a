/**
 * A rendered SVG chart as a file: a standalone .svg (namespace, XML declaration, explicit size) or a .png drawn on a
 * canvas. Nothing is fetched or inlined: the chart must already be self-contained (presentation attributes, no
 * external images, fonts or style sheets), as ComparisonChart is.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** A length attribute in user units ('720' or '720px'), else null ('100%', '20em', absent). */
function userUnits(value) {
    const match = value === null ? null : /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)(?:px)?\s*$/i.exec(value);
    const number = match === null ? NaN : Number(match[1]);
    return Number.isFinite(number) && number > 0 ? number : null;
}
/**
 * The intrinsic size of the chart, SVG user units: its width and height attributes when both are plain numbers, else
 * its viewBox, else its size on screen. Throws a RangeError when none gives a positive size.
 */
export function svgSize(svg) {
    const width = userUnits(svg.getAttribute('width'));
    const height = userUnits(svg.getAttribute('height'));
    if (width !== null && height !== null)
        return { width, height };
    const viewBox = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
    const [, , viewBoxWidth, viewBoxHeight] = viewBox;
    if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBoxWidth !== undefined && viewBoxHeight !== undefined && viewBoxWidth > 0 && viewBoxHeight > 0) {
        return { width: viewBoxWidth, height: viewBoxHeight };
    }
    const rect = svg.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0)
        return { width: rect.width, height: rect.height };
    throw new RangeError('chart image: the SVG has no width, height or viewBox and no size on screen');
}
/**
 * The chart as the text of a standalone .svg file: an XML declaration, then a copy of `svg` with the SVG namespace
 * and its size (svgSize) as width and height attributes; on-page sizing styles (width, height, max-width) are dropped.
 * The element on the page is not changed. Throws a TypeError for an element outside the SVG namespace.
 */
export function svgToStandaloneString(svg) {
    if (svg.namespaceURI !== SVG_NS)
        throw new TypeError(`chart image: expected an <svg> in ${SVG_NS}, got ${String(svg.namespaceURI)}`);
    const { width, height } = svgSize(svg);
    const copy = svg.cloneNode(true);
    // A plain attribute named xmlns (as a framework may set it) would be written twice beside the serializer's own.
    copy.removeAttribute('xmlns');
    copy.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    for (const property of ['width', 'height', 'max-width'])
        copy.style.removeProperty(property);
    if (copy.style.length === 0)
        copy.removeAttribute('style');
    return XML_DECLARATION + new XMLSerializer().serializeToString(copy);
}
function loadImage(url) {
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image);
        image.onerror = () => reject(new Error('chart image: the browser could not draw the SVG'));
        image.src = url;
    });
}
/**
 * The chart as a PNG (browser only): the standalone SVG drawn on a white canvas `scale` times its size in user units
 * (2 = sharp on high-density screens and in print). Rejects with a RangeError for a scale that is not a positive
 * finite number, and with an Error when the browser cannot draw the SVG or encode the PNG.
 */
export async function svgToPngBlob(svg, scale = 2) {
    if (!(Number.isFinite(scale) && scale > 0))
        throw new RangeError(`chart image: scale must be a positive number, got ${scale}`);
    const { width, height } = svgSize(svg);
    const text = svgToStandaloneString(svg);
    // A data: URL rather than a blob: URL: nothing to revoke, and no browser treats it as cross-origin (which would taint the canvas).
    const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null)
        throw new Error('chart image: this browser has no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve, reject) => {
        canvas.toBlob((blob) => (blob === null ? reject(new Error('chart image: the browser could not encode the PNG')) : resolve(blob)), 'image/png');
    });
}
