import { jsx as _jsx } from "react/jsx-runtime";
import { useEffect, useRef, useState } from 'react';
import { slicePlanesOf } from '../loading/grouping';
import { renderThumbnail } from '../cornerstone/thumbnail';
/** Side of a thumbnail, CSS pixels. */
const THUMBNAIL_PX = 48;
/** The middle image of a series (by instance number), the one a thumbnail shows. */
function middleImageId(series) {
    const planes = [...slicePlanesOf(series)].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
    return planes[Math.floor(planes.length / 2)]?.imageId ?? null;
}
/** A series' middle image, drawn once it scrolls into sight (IntersectionObserver), not before. */
export function SeriesThumbnail({ series }) {
    const canvasRef = useRef(null);
    const [state, setState] = useState('waiting');
    const imageId = series.kind === 'image' ? middleImageId(series) : null;
    useEffect(() => {
        const canvas = canvasRef.current;
        if (!canvas || !imageId)
            return;
        let cancelled = false;
        const abort = new AbortController();
        const observer = new IntersectionObserver((entries) => {
            if (!entries.some((e) => e.isIntersecting))
                return;
            observer.disconnect();
            renderThumbnail(canvas, imageId, abort.signal).then(() => !cancelled && setState('rendered'), () => !cancelled && setState('failed'));
        });
        observer.observe(canvas);
        return () => {
            cancelled = true;
            abort.abort();
            observer.disconnect();
        };
    }, [imageId]);
    if (!imageId)
        return null;
    return (_jsx("canvas", { ref: canvasRef, className: "series-browser__thumb", width: THUMBNAIL_PX, height: THUMBNAIL_PX, "aria-hidden": "true", "data-testid": "series-thumbnail", "data-state": state }));
}
