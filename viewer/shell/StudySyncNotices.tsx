import { dismissStudySyncNotice, keepThisTabVertebrae, takeOtherTabVertebrae } from '../actions/autosave';
import { exportJson } from '../actions/exportMeasurements';
import { useAppState } from '../state/useAppState';

function plural(count: number): string {
  return `${count} vertebra${count === 1 ? '' : 'e'}`;
}

/** What another tab did to a study shown here: taken in (told), or held back until the reader chooses. */
export function StudySyncNotices() {
  const notices = useAppState((s) => s.studySyncNotices);
  const patients = useAppState((s) => s.patients);
  const repeatReading = useAppState((s) => s.repeatReading);
  const blindedStudies = repeatReading?.phase === 'blinded' ? repeatReading.first.map((m) => m.studyKey) : [];
  return (
    <>
      {notices.map((notice) => {
        const study = patients.flatMap((p) => p.studies).find((s) => s.key === notice.studyKey);
        const label = study ? `${study.studyDescription || 'study'} of ${study.studyDate}` : 'this study';
        if (notice.kind === 'updated') {
          return (
            <div key={notice.studyKey} className="notice" role="status" data-testid="tab-updated" data-study-key={notice.studyKey} data-count={notice.count}>
              Another tab changed the vertebrae of {label}: this tab now shows its {plural(notice.count)}.{' '}
              <button type="button" data-testid="tab-updated-dismiss" onClick={() => dismissStudySyncNotice(notice.studyKey)}>OK</button>
            </div>
          );
        }
        const blinded = blindedStudies.includes(notice.studyKey);
        return (
          <div key={notice.studyKey} className="status" role="alert" data-testid="tab-conflict" data-study-key={notice.studyKey} data-count={notice.count}>
            Another tab saved {plural(notice.count)} of {label} while this tab had changes of its own: this tab&apos;s vertebrae of
            that study are NOT saved until you choose.{' '}
            <button type="button" data-testid="tab-conflict-keep" onClick={() => keepThisTabVertebrae(notice.studyKey)}>Keep this tab&apos;s (replaces the other tab&apos;s)</button>{' '}
            <button
              type="button"
              data-testid="tab-conflict-take"
              disabled={blinded}
              title={blinded ? 'Finish or cancel the blinded repeat reading first' : undefined}
              onClick={() => takeOtherTabVertebrae(notice.studyKey)}
            >
              Show the other tab&apos;s (drops this tab&apos;s changes)
            </button>{' '}
            <button type="button" data-testid="tab-conflict-export" onClick={() => void exportJson()}>Export this tab&apos;s as JSON</button>
          </div>
        );
      })}
    </>
  );
}
