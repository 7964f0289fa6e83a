export { fmt, signed } from '../../model/format';
/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; a dash when empty. */
export const date = (da) => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || '—');
