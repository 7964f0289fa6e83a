import { chooseScaleBar } from '../cornerstone/scaleBar';
import { jumpToSliceIndex } from '../cornerstone/viewCommands';
import type { ViewportSpec } from '../model/displayPlan';
import { findSeries } from '../state/instances';
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';
import { clipText, personNameText } from '../loading/clipText';
import type { InstanceMeta } from '../loading/instanceMeta';

const SCALE_BAR_MAX_FRACTION = 0.3;

/** `earlyMeta`: the attributes of an early view's slice, shown while its series is not loaded yet (state/earlyView.ts). */
export function ViewportOverlay({ spec, earlyMeta }: { spec: ViewportSpec; earlyMeta?: InstanceMeta | undefined }) {
  const snapshot = useAppState((s) => s.viewports[spec.viewportId]);
  useAppState((s) => s.patients);
  const found = findSeries(spec.seriesKey);
  const { calibrated } = spec;
  const meta = found?.series.instances[0]?.meta ?? earlyMeta;
  const unit = calibrated ? 'mm' : 'px';
  const scale = snapshot ? chooseScaleBar(snapshot.worldPerCanvasPixel, snapshot.canvasWidth * SCALE_BAR_MAX_FRACTION) : null;
  return (
    <div className="overlay" data-testid="viewport-overlay" data-viewport-id={spec.viewportId}>
      {spec.title && <div className="overlay__title" data-testid="viewport-title">{spec.title}</div>}
      <div className="overlay__tl">
        <div className="clip" title={personNameText(meta?.patientName ?? '')}>{clipText(personNameText(meta?.patientName ?? ''))}</div>
        <div className="clip" title={meta?.patientId}>ID {clipText(meta?.patientId ?? '')}</div>
        <div>{formatDicomDate(meta?.studyDate ?? '')}</div>
      </div>
      <div className="overlay__tr">
        <div className="clip" title={meta?.seriesDescription}>{clipText(meta?.seriesDescription ?? '')}</div>
        <div>{meta?.modality} · {spec.orientation}{spec.kind === 'volume' && spec.orientation !== 'axial' ? ' (reformat)' : ''}</div>
        {!calibrated && <div className="overlay__warning" data-testid="uncalibrated">uncalibrated: lengths in pixels</div>}
      </div>
      {snapshot && (
        <>
          <div className="overlay__bl">
            <div data-testid="slice-label" data-slice-index={snapshot.sliceIndex} data-slice-count={snapshot.sliceCount}>
              Slice {snapshot.sliceIndex + 1} / {snapshot.sliceCount}
            </div>
            {snapshot.slicePositionMm !== null && (
              <div>{snapshot.sliceAxis} = {snapshot.slicePositionMm.toFixed(1)} mm</div>
            )}
          </div>
          <div className="overlay__br" data-testid="window-label" data-window-width={snapshot.windowWidth ?? ''} data-window-center={snapshot.windowCenter ?? ''}>
            {snapshot.windowWidth !== null && snapshot.windowCenter !== null
              ? `W ${Math.round(snapshot.windowWidth)} L ${Math.round(snapshot.windowCenter)}`
              : ''}
            {snapshot.invert ? ' · inverted' : ''}
          </div>
          <div className="overlay__edge overlay__edge--left" data-testid="edge-left">{snapshot.edges.left}</div>
          <div className="overlay__edge overlay__edge--right" data-testid="edge-right">{snapshot.edges.right}</div>
          <div className="overlay__edge overlay__edge--top" data-testid="edge-top">{snapshot.edges.top}</div>
          <div className="overlay__edge overlay__edge--bottom" data-testid="edge-bottom">{snapshot.edges.bottom}</div>
          {scale && (
            <div className="overlay__scale" data-testid="scale-bar" data-length={scale.length} data-unit={unit}>
              <div className="overlay__scale-bar" style={{ width: `${scale.canvasPixels}px` }} />
              <span>{scale.length} {unit}</span>
            </div>
          )}
          {snapshot.sliceCount > 1 && (
            <input
              className="overlay__slider"
              type="range"
              aria-label="Slice"
              data-testid="slice-slider"
              min={0}
              max={snapshot.sliceCount - 1}
              value={snapshot.sliceIndex}
              onChange={(e) => jumpToSliceIndex(spec.viewportId, Number(e.target.value))}
            />
          )}
        </>
      )}
    </div>
  );
}
