import type { GenantGrade } from '../../measurement';
import type { ReaderReading } from '../model/readerReading';

/** The reader's own grade (blank or 0–3), endplate depression (ABQ) and note for one row; every change is one undo step. */
export function ReaderReadingCell({
  reading,
  disagrees,
  onChange,
}: {
  reading: ReaderReading;
  disagrees: boolean;
  onChange: (reading: ReaderReading) => void;
}) {
  return (
    <td
      data-field="readerGrade"
      data-value={reading.grade ?? ''}
      data-disagrees={disagrees}
      className={disagrees ? 'morphometry__reader morphometry__reader--disagrees' : 'morphometry__reader'}
      onClick={(e) => e.stopPropagation()}
    >
      <select
        aria-label="Reader's grade"
        data-testid="reader-grade"
        title="Your visual Genant grade (blank: not graded)"
        value={reading.grade ?? ''}
        onChange={(e) => onChange({ ...reading, grade: e.target.value === '' ? null : (Number(e.target.value) as GenantGrade) })}
      >
        <option value="">–</option>
        {[0, 1, 2, 3].map((g) => <option key={g} value={g}>{g}</option>)}
      </select>
      <label title="Endplate depression (ABQ)">
        <input
          type="checkbox"
          data-testid="reader-endplate"
          checked={reading.endplateDepression}
          onChange={(e) => onChange({ ...reading, endplateDepression: e.target.checked })}
        />
        EP
      </label>
      <input
        type="text"
        data-testid="reader-note"
        aria-label="Reader's note"
        placeholder="note"
        size={8}
        defaultValue={reading.note}
        key={reading.note}
        onBlur={(e) => {
          if (e.target.value !== reading.note) onChange({ ...reading, note: e.target.value });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      {disagrees && <span className="morphometry__disagree" data-testid="reader-disagrees" title="Your grade differs from the morphometric grade">≠</span>}
    </td>
  );
}
