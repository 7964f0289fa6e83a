import type { Types } from '@cornerstonejs/core';
import { AnnotationDisplayTool, annotation as annotationApi, drawing, type Types as ToolTypes } from '@cornerstonejs/tools';

const { getAnnotations } = annotationApi.state;
const { drawLine, drawTextBox } = drawing;

/** A measurement of another viewer as cornerstone stores it: its shapes in world coordinates and one label. */
export interface ForeignDrawingAnnotation extends ToolTypes.Annotation {
  data: ToolTypes.Annotation['data'] & {
    /** Every point of every shape (the slice filter reads the first). */
    handles: { points: Types.Point3[]; activeHandleIndex: null };
    /** Each shape as an open polyline, world coordinates (mm). */
    shapes: Types.Point3[][];
    /** The label drawn beside it, e.g. 'aorta: 42.5 mm (other viewer)'. */
    text: string;
  };
}

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

  renderAnnotation = (enabledElement: Types.IEnabledElement, svgDrawingHelper: ToolTypes.SVGDrawingHelper): boolean => {
    const { viewport } = enabledElement;
    const { element } = viewport;
    const all = getAnnotations(ForeignAnnotationTool.toolName, element) as ForeignDrawingAnnotation[] | undefined;
    if (!all?.length) return false;
    const shown = this.filterInteractableAnnotationsForElement(element, all) as ForeignDrawingAnnotation[] | undefined;
    if (!shown?.length) return false;
    for (const annotation of shown) {
      const uid = annotation.annotationUID ?? '';
      let first: Types.Point2 | null = null;
      annotation.data.shapes.forEach((shape, s) => {
        const canvas = shape.map((p) => viewport.worldToCanvas(p));
        first ??= canvas[0] ?? null;
        for (let i = 0; i + 1 < canvas.length; i++) {
          const a = canvas[i];
          const b = canvas[i + 1];
          if (a && b) drawLine(svgDrawingHelper, uid, `shape-${s}-${i}`, a, b, { color: FOREIGN_COLOR, width: 2, lineDash: '6,3' }, FOREIGN_LINE_DATA_ID);
        }
      });
      const anchor = first as Types.Point2 | null;
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
