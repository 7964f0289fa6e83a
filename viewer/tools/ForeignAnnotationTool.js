import { AnnotationDisplayTool, annotation as annotationApi, drawing } from '@cornerstonejs/tools';
const { getAnnotations } = annotationApi.state;
const { drawLine, drawTextBox } = drawing;
/** Dashed and in its own colour, so it is never taken for one of this app's vertebrae. */
const FOREIGN_COLOR = 'rgb(255, 120, 220)';
/** The `data-id` of every drawn segment: tests and scripts find the drawing by it. */
export const FOREIGN_LINE_DATA_ID = 'foreign-annotation-line';
/**
 * Draws measurements of other viewers read-only: no handles, no interaction (the tool is only ever Enabled), no
 * numbers of its own: the label is the value the other viewer wrote.
 */
export class ForeignAnnotationTool extends AnnotationDisplayTool {
    static toolName = 'ForeignAnnotation';
    renderAnnotation = (enabledElement, svgDrawingHelper) => {
        const { viewport } = enabledElement;
        const { element } = viewport;
        const all = getAnnotations(ForeignAnnotationTool.toolName, element);
        if (!all?.length)
            return false;
        const shown = this.filterInteractableAnnotationsForElement(element, all);
        if (!shown?.length)
            return false;
        for (const annotation of shown) {
            const uid = annotation.annotationUID ?? '';
            let first = null;
            annotation.data.shapes.forEach((shape, s) => {
                const canvas = shape.map((p) => viewport.worldToCanvas(p));
                first ??= canvas[0] ?? null;
                for (let i = 0; i + 1 < canvas.length; i++) {
                    const a = canvas[i];
                    const b = canvas[i + 1];
                    if (a && b)
                        drawLine(svgDrawingHelper, uid, `shape-${s}-${i}`, a, b, { color: FOREIGN_COLOR, width: 2, lineDash: '6,3' }, FOREIGN_LINE_DATA_ID);
                }
            });
            const anchor = first;
            if (anchor !== null) {
                drawTextBox(svgDrawingHelper, uid, 'label', [annotation.data.text], [anchor[0] + 8, anchor[1] - 24], {
                    color: FOREIGN_COLOR,
                    background: 'rgba(0, 0, 0, 0.55)',
                    fontSize: '12px',
                });
            }
        }
        return true;
    };
}
