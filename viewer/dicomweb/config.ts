/** How the viewer talks to a PACS: without credentials, HTTP basic (user and password), or a bearer token. */
export type DicomWebAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

/**
 * Where the PACS answers: QIDO-RS (search), WADO-RS (retrieve) and STOW-RS (store) roots, each either a path on this
 * site ('/dicom-web', proxied to the PACS) or an absolute http(s) URL; no trailing slash needed.
 */
export interface DicomWebConfig {
  readonly qidoRoot: string;
  readonly wadoRoot: string;
  readonly stowRoot: string;
  readonly auth: DicomWebAuth;
  /** Time allowed for one request, answer included, in milliseconds (default DEFAULT_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** Time allowed for one request when the config sets none: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const NO_AUTH: DicomWebAuth = { kind: 'none' };

/** The same DICOMweb root for search, retrieve and store, as most servers (Orthanc, dcm4chee) use. */
export function configForRoot(root: string, auth: DicomWebAuth = NO_AUTH, timeoutMs?: number): DicomWebConfig {
  const clean = trimRoot(root);
  return { qidoRoot: clean, wadoRoot: clean, stowRoot: clean, auth, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}

/** The Authorization header value for the config's credentials, or null when it has none. */
export function authHeader(config: Pick<DicomWebConfig, 'auth'>): string | null {
  const auth = config.auth;
  switch (auth.kind) {
    case 'basic':
      return `Basic ${base64Utf8(`${auth.user}:${auth.password}`)}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    default:
      return null;
  }
}

/**
 * Reads a DICOMweb server from a page address's query, OHIF style: `?dicomweb=/dicom-web` sets all three roots;
 * `qido=`, `wado=`, `stow=` (or `qidoRoot=` …) override one each. Credentials are never taken from the address.
 * Null when no usable root is given; a root must be a path on this site or an http(s) URL.
 */
export function configFromUrl(search: string): DicomWebConfig | null {
  const params = new URLSearchParams(search);
  const pick = (...names: string[]): string | null => {
    for (const name of names) {
      const raw = params.get(name)?.trim();
      if (raw && isAcceptableRoot(raw)) return trimRoot(raw);
    }
    return null;
  };
  const shared = pick('dicomweb', 'dicomWeb', 'dicomwebRoot');
  const qidoRoot = pick('qido', 'qidoRoot') ?? shared;
  const wadoRoot = pick('wado', 'wadoRoot') ?? shared ?? qidoRoot;
  const stowRoot = pick('stow', 'stowRoot') ?? shared ?? qidoRoot;
  if (qidoRoot === null || wadoRoot === null || stowRoot === null) return null;
  return { qidoRoot, wadoRoot, stowRoot, auth: NO_AUTH };
}

/** Study Instance UIDs listed in `?StudyInstanceUIDs=1.2.3,4.5.6` (repeatable); malformed UIDs are dropped. */
export function studyUidsFromUrl(search: string): string[] {
  const params = new URLSearchParams(search);
  const listed = [...params.getAll('StudyInstanceUIDs'), ...params.getAll('studyInstanceUIDs')];
  const uids = listed.flatMap((entry) => entry.split(',')).map((uid) => uid.trim()).filter(isUid);
  return [...new Set(uids)];
}

/** True for a DICOM UID: dot-separated numbers, at most 64 characters. */
export function isUid(text: string): boolean {
  return text.length > 0 && text.length <= 64 && /^\d+(\.\d+)*$/.test(text);
}

function isAcceptableRoot(root: string): boolean {
  if (root.startsWith('/')) return !root.startsWith('//');
  try {
    const url = new URL(root);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function trimRoot(root: string): string {
  const trimmed = root.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
