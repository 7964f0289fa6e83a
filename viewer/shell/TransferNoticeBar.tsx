import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';

/** What the last export or import did, with every refused item and its reason. */
export function TransferNoticeBar() {
  const notice = useAppState((s) => s.transferNotice);
  if (!notice) return null;
  return (
    <div className={notice.kind === 'error' ? 'status' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="transfer-notice" data-kind={notice.kind}>
      {notice.text}{' '}
      <button type="button" onClick={() => setState({ transferNotice: null })}>OK</button>
      {notice.details.length > 0 && (
        <ul className="transfer-details">
          {notice.details.map((d, i) => <li key={i}>{d}</li>)}
        </ul>
      )}
    </div>
  );
}
