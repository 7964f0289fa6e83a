import { useState, type FormEvent } from 'react';
import type { DicomWebAuth } from '../dicomweb';
import type { PacsCommands } from './pacsCommands';
import { useAppState } from '../state/useAppState';

/** The DICOMweb root and the credentials sent with every request. */
export function PacsSettings({ connectPacs }: { connectPacs: PacsCommands['connectPacs'] }) {
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
