import { useState, type FormEvent } from 'react';
import type { DicomWebAuth, StudySummary } from '../dicomweb';
import { connectPacs, openPacsStudy, retryPacs, searchPacs, sortPacs } from '../app/pacs';
import { PACS_PAGE_SIZE, type PacsState } from '../app/pacsState';
import { setState, useAppState } from '../app/store';
import { formatDicomDate } from './format';

/** An HTML date (YYYY-MM-DD) as DICOM DA (YYYYMMDD); '' stays ''. */
const toDa = (date: string) => date.replace(/-/g, '');

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

function Settings() {
  const config = useAppState((s) => s.pacs.config);
  const [root, setRoot] = useState(config?.qidoRoot ?? '/dicom-web');
  const [kind, setKind] = useState<DicomWebAuth['kind']>(config?.auth.kind ?? 'none');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const auth: DicomWebAuth = kind === 'basic' ? { kind, user, password } : kind === 'bearer' ? { kind, token } : { kind: 'none' };
    connectPacs(root, auth);
  };
  return (
    <form className="pacs__settings" onSubmit={submit} data-testid="pacs-settings">
      <label>DICOMweb root <input data-testid="pacs-root" value={root} onChange={(e) => setRoot(e.target.value)} placeholder="/dicom-web or https://…" /></label>
      <label>
        Authorisation{' '}
        <select data-testid="pacs-auth-kind" value={kind} onChange={(e) => setKind(e.target.value as DicomWebAuth['kind'])}>
          <option value="none">none</option>
          <option value="basic">user and password (Basic)</option>
          <option value="bearer">token (Bearer)</option>
        </select>
      </label>
      {kind === 'basic' && (
        <>
          <label>User <input data-testid="pacs-user" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" /></label>
          <label>Password <input data-testid="pacs-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" /></label>
        </>
      )}
      {kind === 'bearer' && <label>Token <input data-testid="pacs-token" value={token} onChange={(e) => setToken(e.target.value)} /></label>}
      <button type="submit" data-testid="pacs-connect">Use this server</button>
    </form>
  );
}

function Search() {
  const query = useAppState((s) => s.pacs.query);
  const [name, setName] = useState(query.patientName ?? '');
  const [id, setId] = useState(query.patientId ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [modality, setModality] = useState(query.modality ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void searchPacs({ patientName: name, patientId: id, studyDateFrom: toDa(from), studyDateTo: toDa(to), modality }, 0);
  };
  return (
    <form className="pacs__search" onSubmit={submit}>
      <input data-testid="pacs-patient-name" placeholder="Patient name (* ? wildcards)" value={name} onChange={(e) => setName(e.target.value)} />
      <input data-testid="pacs-patient-id" placeholder="Patient ID" value={id} onChange={(e) => setId(e.target.value)} />
      <label>from <input data-testid="pacs-date-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
      <label>to <input data-testid="pacs-date-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <select data-testid="pacs-modality" value={modality} onChange={(e) => setModality(e.target.value)}>
        <option value="">any modality</option>
        {['CT', 'MR', 'CR', 'DX', 'SR'].map((m) => <option key={m} value={m}>{m}</option>)}
      </select>
      <button type="submit" data-testid="pacs-search">Search</button>
    </form>
  );
}

/** The PACS connection: settings, study search (QIDO-RS), results with sorting and pages, and errors with a retry. */
export function PacsPanel() {
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
              <Settings />
            </details>
          )}
          {pacs.busy && <p className="pacs__busy" role="status" data-testid="pacs-busy">{pacs.busy}…</p>}
          {pacs.error && (
            <div className="status" role="alert" data-testid="pacs-error" data-kind={pacs.error.kind}>
              {pacs.error.message}{' '}
              {pacs.error.canRetry && <button type="button" data-testid="pacs-retry" onClick={() => void retryPacs()}>Retry</button>}{' '}
              <button type="button" onClick={() => setState((s) => ({ pacs: { ...s.pacs, error: null } }))}>Dismiss</button>
            </div>
          )}
          {pacs.config && <Search />}
          {pacs.results && (
            <>
              <table className="pacs__results" data-testid="pacs-results">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c.key}>
                        <button type="button" className="pacs__sort" data-testid={`pacs-sort-${c.key}`} onClick={() => sortPacs(c.key)}>
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
                      <td>{study.patientName.replace(/\^/g, ' ')}</td>
                      <td>{study.patientId}</td>
                      <td>{formatDicomDate(study.studyDate)}</td>
                      <td>{study.studyDescription}</td>
                      <td>{study.modalities.join(' ')}</td>
                      <td><button type="button" data-testid="pacs-open" onClick={() => void openPacsStudy(study.studyInstanceUID)}>Open</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pacs.results.length === 0 && <p data-testid="pacs-no-results">No study matches.</p>}
              <div className="pacs__pages">
                <button type="button" data-testid="pacs-prev" disabled={pacs.page === 0} onClick={() => void searchPacs(pacs.query, pacs.page - 1)}>◀</button>
                <span> page {pacs.page + 1} </span>
                <button type="button" data-testid="pacs-next" disabled={pacs.results.length < PACS_PAGE_SIZE} onClick={() => void searchPacs(pacs.query, pacs.page + 1)}>▶</button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
