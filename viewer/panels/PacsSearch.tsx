import { useState, type FormEvent } from 'react';
import type { PacsCommands } from './pacsCommands';
import { useAppState } from '../state/useAppState';

/** An HTML date (YYYY-MM-DD) as DICOM DA (YYYYMMDD); '' stays ''. */
const toDa = (date: string) => date.replace(/-/g, '');

/** The study search form: patient name (wildcards), patient ID, date range, modality. */
export function PacsSearch({ searchPacs }: { searchPacs: PacsCommands['searchPacs'] }) {
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
