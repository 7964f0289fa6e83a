import { getEnabledElement, type Types } from '@cornerstonejs/core';
import {
  AnnotationTool,
  annotation as annotationApi,
  drawing,
  Enums as ToolEnums,
  state as toolState,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { heightsFromPoints, type PointName, type SpinalLevel } from '../../measurement';
import type { VertebraStyle } from '../model/vertebraStyle';
import { ENDPLATE_HANDLE_PAIRS, HEIGHT_HANDLE_PAIRS, PLACEMENT_ORDER, toSixPoints } from '../model/vertebraAnnotation';

const { addAnnotation, getAnnotations, removeAnnotation } = annotationApi.state;
const { triggerAnnotationCompleted, triggerAnnotationModified } = annotationApi.state;
const { drawHandles, drawLine, drawTextBox } = drawing;

/** The annotation as stored by cornerstone: six world points (placement order), the level, and edit bookkeeping. */
export interface VertebraAnnotation extends ToolTypes.Annotation {
  data: ToolTypes.Annotation['data'] & {
    handles: { points: Types.Point3[]; activeHandleIndex: number | null };
    level: SpinalLevel;
    /** The series the vertebra was placed on (a compare view shows two). */
    seriesKey?: string;
    /** Points before the current drag began; set while a handle is dragged, read by the bridge when it ends. */
    pointsBeforeEdit?: Types.Point3[] | null;
  };
}

/** How the image analysis helps placing (the assist-mode select): mirrors the app's AssistMode. */
export type PlacementAssist = 'off' | 'snap' | 'click';

/** The image-analysis hooks the app gives the tool; the tool only decides when to call them. */
export interface VertebralHeightAssist {
  /** The assist mode now. */
  mode: () => PlacementAssist;
  /** True when a click on an image is a body for the analysis (one click per vertebra, or spine detection), not a point. */
  takesBodyClicks: () => boolean;
  /** Where a point snaps to (null: keep the click); the tool shows the click until the answer arrives. */
  snap: (viewportId: string, world: Types.Point3, corner: PointName) => Promise<Types.Point3 | null>;
  /** A click inside a body (click mode or spine detection). */
  onBodyClick: (viewportId: string, world: Types.Point3) => void;
}

export interface VertebralHeightConfiguration {
  /** The level a new vertebra gets (the level selector's value). */
  getNextLevel: () => SpinalLevel;
  /** The series a viewport shows. */
  seriesKeyOf: (viewportId: string) => string;
  /** Style of a placed vertebra; undefined while the app has not assessed it yet. */
  describe: (annotationUID: string) => VertebraStyle | undefined;
  /** Called whenever the number of placed points of the vertebra in progress changes (0 when none). */
  onPlacementProgress: (placedCount: number) => void;
  /** Image-analysis assistance (snap, one click per vertebra); absent: none. */
  assist?: VertebralHeightAssist;
}

const IN_PROGRESS_COLOR = 'rgb(0, 220, 255)';
/** Canvas pixels within which a click grabs a handle (the drawn handle's radius is 3). */
const HANDLE_GRAB_RADIUS_PX = 4;
const DEFAULT_COLOR = 'rgb(255, 255, 0)';
/** A view within this distance of a vertebra's points (mm, about one CT slice) still shows its level label. */
const CROSSING_TOLERANCE_MM = 1;
/** Views whose normals' cosine exceeds this (about 25°) count as the same orientation. */
const PARALLEL_COSINE = 0.9;

/**
 * True when a tool's configuration (typed `Record<string, any>` by cornerstone) holds what the app gives addTool: a
 * checked narrowing instead of a cast.
 */
function isHeightConfiguration(configuration: Record<string, unknown>): configuration is Record<string, unknown> & VertebralHeightConfiguration {
  const { getNextLevel, seriesKeyOf, describe, onPlacementProgress, assist } = configuration;
  return typeof getNextLevel === 'function' && typeof seriesKeyOf === 'function' && typeof describe === 'function'
    && typeof onPlacementProgress === 'function' && (assist === undefined || (typeof assist === 'object' && assist !== null));
}

function distanceToSegment(p: Types.Point2, a: Types.Point2, b: Types.Point2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Pairs of handle indices drawn as lines: the three heights, then the endplates (both from the model's one mapper). */
const HEIGHT_LINES = HEIGHT_HANDLE_PAIRS;
const ENDPLATE_LINES = ENDPLATE_HANDLE_PAIRS;

/**
 * Six-point vertebral height tool: six clicks (anterior, middle, posterior; superior then inferior) in world
 * coordinates on the current plane; handles can be dragged afterwards. Every number comes from measurement/.
 */
export class VertebralHeightTool extends AnnotationTool {
  static toolName = 'VertebralHeight';

  /** The vertebra being placed, until its sixth point. */
  private placing: { annotation: VertebraAnnotation; element: HTMLDivElement } | null = null;
  /** Snaps asked for and not answered yet, per annotation; a vertebra is completed only once its snaps are in. */
  private pendingSnaps = new Map<string, number>();
  /** Vertebrae with all six points whose completion waits for their snaps. */
  private completionWaiting = new Set<string>();

  constructor(toolProps: ToolTypes.PublicToolProps = {}, defaultToolProps: ToolTypes.ToolProps = {
    supportedInteractionTypes: ['Mouse'],
    configuration: {
      getNextLevel: () => 'L1',
      seriesKeyOf: () => '',
      describe: () => undefined,
      onPlacementProgress: () => undefined,
    } satisfies VertebralHeightConfiguration,
  }) {
    super(toolProps, defaultToolProps);
  }

  private get config(): VertebralHeightConfiguration {
    const configuration = this.configuration;
    if (!isHeightConfiguration(configuration)) {
      throw new Error(`${VertebralHeightTool.toolName}: the tool group was given no VertebralHeightConfiguration`);
    }
    return configuration;
  }

  /** Number of points of the vertebra in progress (0 when none). */
  get placedCount(): number {
    return this.placing?.annotation.data.handles.points.length ?? 0;
  }

  /** Null when the click is a body for the image analysis rather than a point (cornerstone's contract allows it). */
  addNewAnnotation = (evt: ToolTypes.EventTypes.InteractionEventType): VertebraAnnotation | null => {
    const { element, currentPoints } = evt.detail;
    const { viewport } = getEnabledElement(element)!;
    const world = [...currentPoints.world] as Types.Point3;
    const viewportIds = [viewport.id];
    const altKey = Boolean((evt.detail.event as MouseEvent | undefined)?.altKey);
    if (!this.placing && this.config.assist?.takesBodyClicks()) {
      this.config.assist.onBodyClick(viewport.id, world);
      evt.preventDefault();
      return null;
    }
    if (this.placing && this.placing.element === element) {
      const { annotation } = this.placing;
      annotation.data.handles.points.push(world);
      annotation.invalidated = true;
      if (!altKey) this.snapPlaced(annotation, annotation.data.handles.points.length - 1, viewport.id);
      if (annotation.data.handles.points.length === PLACEMENT_ORDER.length) {
        this.placing = null;
        this.completeWhenSnapped(annotation);
      }
      this.config.onPlacementProgress(this.placedCount);
      toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds);
      evt.preventDefault();
      return annotation;
    }
    if (this.placing) this.cancel(this.placing.element);
    const annotation = (this.constructor as typeof VertebralHeightTool).createAnnotationForViewport<VertebraAnnotation>(viewport, {
      data: { handles: { points: [world], activeHandleIndex: null }, level: this.config.getNextLevel(), seriesKey: this.config.seriesKeyOf(viewport.id) },
    });
    addAnnotation(annotation, element);
    this.placing = { annotation, element };
    if (!altKey) this.snapPlaced(annotation, 0, viewport.id);
    this.config.onPlacementProgress(1);
    toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds);
    evt.preventDefault();
    return annotation;
  };

  /** In snap mode, asks where point `index` snaps to and moves it there when the answer comes (if still placed). */
  private snapPlaced(annotation: VertebraAnnotation, index: number, viewportId: string): void {
    const assist = this.config.assist;
    const corner = PLACEMENT_ORDER[index];
    const clicked = annotation.data.handles.points[index];
    if (!assist || assist.mode() !== 'snap' || !corner || !clicked) return;
    const uid = annotation.annotationUID!;
    this.pendingSnaps.set(uid, (this.pendingSnaps.get(uid) ?? 0) + 1);
    const settle = (snapped: Types.Point3 | null) => {
      const left = (this.pendingSnaps.get(uid) ?? 1) - 1;
      if (left > 0) this.pendingSnaps.set(uid, left);
      else this.pendingSnaps.delete(uid);
      const stillThere = annotationApi.state.getAnnotation(uid) === annotation;
      if (stillThere && snapped && annotation.data.handles.points[index] === clicked) {
        annotation.data.handles.points[index] = [...snapped] as Types.Point3;
        annotation.invalidated = true;
        toolUtilities.triggerAnnotationRenderForViewportIds([viewportId]);
      }
      if (left <= 0 && this.completionWaiting.delete(uid) && stillThere) triggerAnnotationCompleted(annotation);
    };
    void assist.snap(viewportId, clicked, corner).then(settle, () => settle(null));
  }

  /** Completes a vertebra now, or once the snaps of its points are answered. */
  private completeWhenSnapped(annotation: VertebraAnnotation): void {
    const uid = annotation.annotationUID!;
    if ((this.pendingSnaps.get(uid) ?? 0) > 0) this.completionWaiting.add(uid);
    else triggerAnnotationCompleted(annotation);
  }

  /**
   * While a vertebra is being placed every click is its next point, even next to a handle of the vertebra above or
   * below (a thin disc puts them a few pixels apart): the click must not grab that handle.
   */
  preMouseDownCallback = (evt: ToolTypes.EventTypes.InteractionEventType): boolean => {
    if (!this.placing || this.placing.element !== evt.detail.element) return false;
    this.addNewAnnotation(evt);
    return true;
  };

  /** Escape: drops the half-placed vertebra, or ends a drag where it is. */
  cancel = (element: HTMLDivElement): string | undefined => {
    if (this.placing) {
      const uid = this.placing.annotation.annotationUID!;
      removeAnnotation(uid);
      this.placing = null;
      this.config.onPlacementProgress(0);
      toolUtilities.triggerAnnotationRenderForViewportIds(this.viewportIdsOf(element));
      return uid;
    }
    if (this.editData) {
      this.finishEdit(element, true);
    }
    return undefined;
  };

  private viewportIdsOf(element: HTMLDivElement): string[] {
    const enabled = getEnabledElement(element);
    return enabled ? [enabled.viewport.id] : [];
  }

  private isComplete(annotation: ToolTypes.Annotation): boolean {
    return (annotation as VertebraAnnotation).data.handles.points.length === PLACEMENT_ORDER.length;
  }

  isPointNearTool(element: HTMLDivElement, annotation: ToolTypes.Annotation, canvasCoords: Types.Point2, proximity: number): boolean {
    if (!this.isComplete(annotation)) return false;
    const { viewport } = getEnabledElement(element)!;
    const canvas = (annotation as VertebraAnnotation).data.handles.points.map((p) => viewport.worldToCanvas(p));
    return [...HEIGHT_LINES, ...ENDPLATE_LINES].some(([a, b]) => {
      const [from, to] = [canvas[a], canvas[b]];
      return from !== undefined && to !== undefined && distanceToSegment(canvasCoords, from, to) < proximity;
    });
  }

  getHandleNearImagePoint(element: HTMLDivElement, annotation: ToolTypes.Annotation, canvasCoords: Types.Point2, proximity: number): ToolTypes.ToolHandle | undefined {
    if (!this.isComplete(annotation)) return undefined;
    const { viewport } = getEnabledElement(element)!;
    const points = (annotation as VertebraAnnotation).data.handles.points;
    // Grab a handle only right on it: a new vertebra's first click is often a few pixels from its neighbour's corner.
    const reach = Math.min(proximity, HANDLE_GRAB_RADIUS_PX);
    let best: { index: number; distance: number } | null = null;
    points.forEach((p, index) => {
      const c = viewport.worldToCanvas(p);
      const distance = Math.hypot(c[0] - canvasCoords[0], c[1] - canvasCoords[1]);
      if (distance < reach && (!best || distance < best.distance)) best = { index, distance };
    });
    if (!best) return undefined;
    (annotation as VertebraAnnotation).data.handles.activeHandleIndex = (best as { index: number }).index;
    return points[(best as { index: number }).index];
  }

  toolSelectedCallback(): void {
    // Selecting a vertebra by its lines only selects it (done by cornerstone); moving a whole vertebra is not offered.
  }

  handleSelectedCallback(evt: ToolTypes.EventTypes.InteractionEventType, annotation: ToolTypes.Annotation, handle: ToolTypes.ToolHandle): void {
    const { element } = evt.detail;
    const vertebra = annotation as VertebraAnnotation;
    const handleIndex = vertebra.data.handles.points.findIndex((p) => p === handle);
    if (handleIndex < 0) return;
    vertebra.highlighted = true;
    vertebra.data.handles.activeHandleIndex = handleIndex;
    vertebra.data.pointsBeforeEdit = vertebra.data.handles.points.map((p) => [...p] as Types.Point3);
    this.editData = { annotation, viewportIdsToRender: this.viewportIdsOf(element), handleIndex };
    this._activateModify(element);
    evt.preventDefault();
  }

  _dragCallback = (evt: ToolTypes.EventTypes.InteractionEventType): void => {
    if (!this.editData) return;
    const { element, currentPoints } = evt.detail;
    const vertebra = this.editData.annotation as VertebraAnnotation;
    vertebra.data.handles.points[this.editData.handleIndex!] = [...currentPoints.world] as Types.Point3;
    vertebra.invalidated = true;
    this.editData.hasMoved = true;
    triggerAnnotationModified(vertebra, element, ToolEnums.ChangeTypes.HandlesUpdated);
    toolUtilities.triggerAnnotationRenderForViewportIds(this.editData.viewportIdsToRender ?? []);
  };

  _endCallback = (evt: ToolTypes.EventTypes.InteractionEventType): void => {
    this.finishEdit(evt.detail.element, Boolean((evt.detail.event as MouseEvent | undefined)?.altKey));
  };

  /** Ends a handle drag; in snap mode (without Alt) the handle first snaps, then the move is recorded. */
  private finishEdit(element: HTMLDivElement, keepWhereDropped: boolean): void {
    if (!this.editData) return;
    const { annotation, viewportIdsToRender, hasMoved, handleIndex } = this.editData;
    const vertebra = annotation as VertebraAnnotation;
    this._deactivateModify(element);
    vertebra.highlighted = false;
    vertebra.data.handles.activeHandleIndex = null;
    this.editData = null;
    const viewportIds = viewportIdsToRender ?? [];
    const record = () => {
      triggerAnnotationCompleted(vertebra);
      vertebra.data.pointsBeforeEdit = null;
      toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds);
    };
    const assist = this.config.assist;
    const corner = handleIndex === undefined ? undefined : PLACEMENT_ORDER[handleIndex];
    if (!hasMoved) {
      vertebra.data.pointsBeforeEdit = null;
      toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds);
    } else if (assist && assist.mode() === 'snap' && !keepWhereDropped && corner && handleIndex !== undefined && viewportIds[0] && vertebra.data.handles.points[handleIndex]) {
      const dropped = vertebra.data.handles.points[handleIndex];
      void assist.snap(viewportIds[0], dropped, corner).then((snapped) => {
        if (snapped && vertebra.data.handles.points[handleIndex] === dropped) {
          vertebra.data.handles.points[handleIndex] = [...snapped] as Types.Point3;
          vertebra.invalidated = true;
        }
        record();
      }, record);
    } else {
      record();
    }
  }

  _activateModify = (element: HTMLDivElement): void => {
    toolState.isInteractingWithTool = true;
    element.addEventListener(ToolEnums.Events.MOUSE_UP, this._endCallback as EventListener);
    element.addEventListener(ToolEnums.Events.MOUSE_DRAG, this._dragCallback as EventListener);
    element.addEventListener(ToolEnums.Events.MOUSE_CLICK, this._endCallback as EventListener);
  };

  _deactivateModify = (element: HTMLDivElement): void => {
    toolState.isInteractingWithTool = false;
    element.removeEventListener(ToolEnums.Events.MOUSE_UP, this._endCallback as EventListener);
    element.removeEventListener(ToolEnums.Events.MOUSE_DRAG, this._dragCallback as EventListener);
    element.removeEventListener(ToolEnums.Events.MOUSE_CLICK, this._endCallback as EventListener);
  };

  renderAnnotation = (enabledElement: Types.IEnabledElement, svgDrawingHelper: ToolTypes.SVGDrawingHelper): boolean => {
    const { viewport } = enabledElement;
    const { element } = viewport;
    const annotations = getAnnotations(this.getToolName(), element) as VertebraAnnotation[] | undefined;
    if (!annotations?.length) return false;
    const inPlane = this.filterInteractableAnnotationsForElement(element, annotations) as VertebraAnnotation[] | undefined;
    for (const annotation of inPlane ?? []) {
      this.drawVertebra(annotation, viewport, svgDrawingHelper);
    }
    const crossing = annotations.filter((a) => !inPlane?.includes(a) && this.isComplete(a));
    for (const annotation of crossing) this.drawCrossingLabel(annotation, viewport, svgDrawingHelper);
    return true;
  };

  /**
   * On a view across a vertebra (e.g. the axial or coronal view of one measured on the sagittal), its level label at
   * the centre of its points, when the displayed slice passes between its points.
   */
  private drawCrossingLabel(annotation: VertebraAnnotation, viewport: Pick<Types.IViewport, 'getCamera' | 'worldToCanvas'>, svg: ToolTypes.SVGDrawingHelper): void {
    const { focalPoint, viewPlaneNormal } = viewport.getCamera();
    if (!focalPoint || !viewPlaneNormal) return;
    const own = annotation.metadata?.viewPlaneNormal;
    // A vertebra seen in its own plane orientation (e.g. another sagittal slice) is not across this view.
    if (own && Math.abs(own[0] * viewPlaneNormal[0] + own[1] * viewPlaneNormal[1] + own[2] * viewPlaneNormal[2]) > PARALLEL_COSINE) return;
    const points = annotation.data.handles.points;
    const offsets = points.map((p) => (p[0] - focalPoint[0]) * viewPlaneNormal[0] + (p[1] - focalPoint[1]) * viewPlaneNormal[1] + (p[2] - focalPoint[2]) * viewPlaneNormal[2]);
    if (Math.min(...offsets) > CROSSING_TOLERANCE_MM || Math.max(...offsets) < -CROSSING_TOLERANCE_MM) return;
    const centre = points.reduce<Types.Point3>((sum, p) => [sum[0] + p[0] / points.length, sum[1] + p[1] / points.length, sum[2] + p[2] / points.length], [0, 0, 0]);
    const canvas = viewport.worldToCanvas(centre);
    const style = this.config.describe(annotation.annotationUID!);
    const color = style?.color ?? DEFAULT_COLOR;
    drawTextBox(svg, annotation.annotationUID!, 'crossing-level', [annotation.data.level + (style?.gradeText ? ` · ${style.gradeText}` : '')], canvas, {
      color,
      background: 'rgba(0, 0, 0, 0.55)',
      fontSize: '13px',
    });
  }

  private drawVertebra(annotation: VertebraAnnotation, viewport: Pick<Types.IViewport, "worldToCanvas">, svg: ToolTypes.SVGDrawingHelper): void {
    const uid = annotation.annotationUID!;
    const points = annotation.data.handles.points;
    const canvas = points.map((p) => viewport.worldToCanvas(p));
    const complete = points.length === PLACEMENT_ORDER.length;
    const style = complete ? this.config.describe(uid) : undefined;
    const color = complete ? (style?.color ?? DEFAULT_COLOR) : IN_PROGRESS_COLOR;
    const lineWidth = annotation.highlighted ? 3 : 2;
    for (const [i, [a, b]] of HEIGHT_LINES.entries()) {
      if (canvas[a] && canvas[b]) {
        drawLine(svg, uid, `height-${i}`, canvas[a], canvas[b], style?.borderline ? { color, width: lineWidth, lineDash: '6,3' } : { color, width: lineWidth });
      }
    }
    for (const [i, [a, b]] of ENDPLATE_LINES.entries()) {
      if (canvas[a] && canvas[b]) drawLine(svg, uid, `endplate-${i}`, canvas[a], canvas[b], { color, width: 1, lineDash: '4,3' });
    }
    drawHandles(svg, uid, 'handles', canvas, { color, handleRadius: 3 });
    const textOptions = { color, background: 'rgba(0, 0, 0, 0.55)', fontSize: '13px' };
    const levelText = annotation.data.level + (style?.gradeText ? ` · ${style.gradeText}` : '') + (style?.check ? ' · check' : '');
    const [first] = canvas;
    if (!complete) {
      if (first) drawTextBox(svg, uid, 'level', [levelText], [first[0] - 60, first[1] - 28], textOptions);
      return;
    }
    const heights = heightsFromPoints(toSixPoints(points));
    const midOf = ([a, b]: readonly [number, number]): Types.Point2 | null => {
      const [from, to] = [canvas[a], canvas[b]];
      return from && to ? [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2] : null;
    };
    const [anterior, middle, posterior] = HEIGHT_LINES.map(midOf);
    if (!heights.ok || !anterior || !middle || !posterior) {
      if (first) drawTextBox(svg, uid, 'level', [levelText], [first[0] - 60, first[1] - 28], textOptions);
      return;
    }
    const unit = style?.unit ?? 'mm';
    const [anteriorLabel, middleLabel, posteriorLabel] = [`Ha ${heights.value.anteriorMm.toFixed(1)} ${unit}`, `Hm ${heights.value.middleMm.toFixed(1)} ${unit}`, `Hp ${heights.value.posteriorMm.toFixed(1)} ${unit}`];
    // The level (with its grade and "check") and Ha stacked in front of the anterior wall at mid-height, Hm and Hp
    // stacked behind the posterior wall: each body's labels stay level with the body, so a short thoracic body's
    // labels never meet its neighbours' (the level drawn above the first corner ran into the Ha of the body above),
    // and none covers the body. "In front" is whichever side of the image the anterior wall is on.
    const frontIsLeft = anterior[0] <= posterior[0];
    const xsOf = (pair: readonly [number, number]): number[] => pair.flatMap((i) => (canvas[i] ? [canvas[i][0]] : []));
    const frontXs = xsOf(HEIGHT_LINES[0]!);
    const backXs = [...xsOf(HEIGHT_LINES[1]!), ...xsOf(HEIGHT_LINES[2]!)];
    const frontX = frontIsLeft ? Math.min(...frontXs) : Math.max(...frontXs);
    const backX = frontIsLeft ? Math.max(...backXs) : Math.min(...backXs);
    besideLine(svg, uid, 'level', levelText, frontX, anterior[1] - LABEL_LINE_PX / 2, frontIsLeft ? 'before' : 'after', textOptions);
    besideLine(svg, uid, 'height-label-0', anteriorLabel, frontX, anterior[1] + LABEL_LINE_PX / 2, frontIsLeft ? 'before' : 'after', textOptions);
    besideLine(svg, uid, 'height-label-1', middleLabel, backX, posterior[1] - LABEL_LINE_PX / 2, frontIsLeft ? 'after' : 'before', textOptions);
    besideLine(svg, uid, 'height-label-2', posteriorLabel, backX, posterior[1] + LABEL_LINE_PX / 2, frontIsLeft ? 'after' : 'before', textOptions);
  }
}

/** Vertical distance between the two stacked labels on either side of a body, px (13 px text on its background). */
const LABEL_LINE_PX = 20;
/** Gap between a label and the wall it stands beside, px. */
const LABEL_GAP_PX = 6;

/**
 * Draws one line of text vertically centred on `y`, ending LABEL_GAP_PX before `x` ('before': to its left) or starting
 * LABEL_GAP_PX after it ('after'), kept inside the view (a body zoomed up to the view's edge has its labels drawn over
 * it rather than cut off). cornerstone's text box is placed by its top-left corner and only its drawn size is known,
 * so a label is drawn once, measured and moved.
 */
function besideLine(
  svg: ToolTypes.SVGDrawingHelper,
  uid: string,
  textUid: string,
  text: string,
  x: number,
  y: number,
  side: 'before' | 'after',
  options: Record<string, unknown>,
): void {
  const box = drawTextBox(svg, uid, textUid, [text], [x + LABEL_GAP_PX, y], options);
  const left = side === 'after' ? x + LABEL_GAP_PX : x - LABEL_GAP_PX - box.width;
  const viewWidth = svg.svgLayerElement?.clientWidth ?? 0;
  const inView = viewWidth > box.width ? Math.min(Math.max(left, 0), viewWidth - box.width) : left;
  const dx = inView - box.x;
  const dy = y - (box.y + box.height / 2);
  if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) drawTextBox(svg, uid, textUid, [text], [x + LABEL_GAP_PX + dx, y + dy], options);
}
