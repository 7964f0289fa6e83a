import { useState } from 'react';
import type { StudySummary } from '../dicomweb';
import type { PacsCommands } from './pacsCommands';
import { PacsSettings } from './PacsSettings';
import { PacsSearch } from './PacsSearch';
import { PACS_PAGE_SIZE, type PacsState } from '../state/pacsState';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';
import { clipText, personNameText } from '../loading/clipText';

const COLUMNS: ReadonlyArray<{ key: PacsState['sort']['key']; label: string }> = [
  { key: 'patientName', label: 'Patient' },
  { key: 'patientId', label: 'ID' },
  { key: 'studyDate', label: 'Date' },
  { key: 'studyDescription', label: 'Description' },
  { key: 'modalities', label: 'Mod.' },
];

function sorted(results: readonly StudySummary[], sort: PacsState['sort']): StudySummary[] {
  const text = (s: StudySummary) => (sort.key === 'modalities' ? s.modalities.join(',') : `${s[sort.key]}${sort.key === 'studyDate' ? s.studyTime : ''}`);
  return [...results].sort((a, b) => text(a).localeCompare(text(b)) * (sort.ascending ? 1 : -1));
}

/** The PACS connection: settings, study search (QIDO-RS), results with sorting and pages, and errors with a retry. */
export function PacsPanel({ commands }: { commands: PacsCommands }) {
  const pacs = useAppState((s) => s.pacs);
  const [open, setOpen] = useState(pacs.config !== null);
  return (
    <section className="pacs" aria-label="PACS" data-testid="pacs-panel">
      <h2>
        <button type="button" className="pacs__toggle" data-testid="pacs-toggle" aria-expanded={open || pacs.settingsOpen} onClick={() => setOpen(!open)}>
          PACS (DICOMweb) {pacs.config ? `· ${pacs.config.qidoRoot}` : '· not set up'}
        </button>
      </h2>
      {(open || pacs.settingsOpen || pacs.error) && (
        <>
          {(pacs.settingsOpen || !pacs.config || open) && (
            <details open={pacs.settingsOpen || !pacs.config} className="pacs__details">
              <summary>Server settings</summary>
              <PacsSettings connectPacs={commands.connectPacs} />
            </details>
          )}
          {pacs.busy && <p className="pacs__busy" role="status" data-testid="pacs-busy">{pacs.busy}…</p>}
          {pacs.error && (
            <div className="status" role="alert" data-testid="pacs-error" data-kind={pacs.error.kind}>
              {pacs.error.message}{' '}
              {pacs.error.canRetry && <button type="button" data-testid="pacs-retry" onClick={() => void commands.retryPacs()}>Retry</button>}{' '}
              <button type="button" onClick={() => setState((s) => ({ pacs: { ...s.pacs, error: null } }))}>Dismiss</button>
            </div>
          )}
          {pacs.config && <PacsSearch searchPacs={commands.searchPacs} />}
          {pacs.results && (
            <>
              <table className="pacs__results" data-testid="pacs-results">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c.key}>
                        <button type="button" className="pacs__sort" data-testid={`pacs-sort-${c.key}`} onClick={() => commands.sortPacs(c.key)}>
                          {c.label}{pacs.sort.key === c.key ? (pacs.sort.ascending ? ' ▲' : ' ▼') : ''}
                        </button>
                      </th>
                    ))}
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {sorted(pacs.results, pacs.sort).map((study) => (
                    <tr key={study.studyInstanceUID} data-testid="pacs-study-row" data-study-uid={study.studyInstanceUID}>
                      <td title={personNameText(study.patientName)}>{clipText(personNameText(study.patientName))}</td>
                      <td title={study.patientId}>{clipText(study.patientId)}</td>
                      <td>{formatDicomDate(study.studyDate)}</td>
                      <td title={study.studyDescription}>{clipText(study.studyDescription)}</td>
                      <td>{study.modalities.join(' ')}</td>
                      <td><button type="button" data-testid="pacs-open" onClick={() => void commands.openPacsStudy(study.studyInstanceUID)}>Open</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pacs.results.length === 0 && <p data-testid="pacs-no-results">No study matches.</p>}
              <div className="pacs__pages">
                <button type="button" data-testid="pacs-prev" disabled={pacs.page === 0} onClick={() => void commands.searchPacs(pacs.query, pacs.page - 1)}>◀</button>
                <span> page {pacs.page + 1} </span>
                <button type="button" data-testid="pacs-next" disabled={pacs.results.length < PACS_PAGE_SIZE} onClick={() => void commands.searchPacs(pacs.query, pacs.page + 1)}>▶</button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
