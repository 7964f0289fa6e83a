import type { ForeignAnnotation } from '../model/foreignAnnotation';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';

/** Where a foreign measurement lies: on one image (2-D) or in a frame of reference (3-D). */
function placeOf(annotation: ForeignAnnotation): string {
  const graphic = annotation.graphics[0];
  if (graphic === undefined) return 'no drawing';
  if (graphic.space === 'world') return '3-D points';
  return `on image …${graphic.referencedSopInstanceUID.slice(-8)}${graphic.referencedFrameNumber === null ? '' : `, frame ${graphic.referencedFrameNumber}`}`;
}

/** What the last export or import did, with every refused item and its reason. */
export function TransferNoticeBar() {
  const notice = useAppState((s) => s.transferNotice);
  if (!notice) return null;
  return (
    <div className={notice.kind === 'error' ? 'status' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="transfer-notice" data-kind={notice.kind}>
      {notice.text}{' '}
      <button type="button" onClick={() => setState({ transferNotice: null })}>OK</button>
      {notice.foreign !== undefined && notice.foreign.length > 0 && (
        <ul className="transfer-details" aria-label="Measurements of other software (read-only, not graded)">
          {notice.foreign.map((f, i) => (
            <li key={i} data-testid="foreign-annotation" data-kind={f.kind} data-value={f.value ?? ''}>
              {`${f.label || f.kind}: ${f.value === null ? 'no value' : `${f.value.toFixed(1)} ${f.unit}`} (${f.kind}, ${placeOf(f)}; read-only, not graded)`}
            </li>
          ))}
        </ul>
      )}
      {notice.details.length > 0 && (
        <ul className="transfer-details">
          {notice.details.map((d, i) => <li key={i}>{d}</li>)}
        </ul>
      )}
    </div>
  );
}
