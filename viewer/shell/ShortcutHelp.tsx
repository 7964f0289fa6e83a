import { useEffect, useRef } from 'react';
import { X } from 'lucide-react';
import { SHORTCUTS, chordLabel, type ShortcutGroup } from '../model/shortcuts';

const GROUP_ORDER: readonly ShortcutGroup[] = ['General', 'Navigation', 'Window', 'Measure', 'Keyboard cursor', 'Compare'];

/** The `?` overlay: the keyboard map, generated from the table the key handlers dispatch on. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="shortcut-help__header">
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="icon-button" aria-label="Close the list of keys" title="Close (Esc)" onClick={onClose}>
            <X aria-hidden="true" size={18} />
          </button>
        </header>
        <div className="shortcut-help__groups">
          {GROUP_ORDER.map((group) => (
            <section key={group} className="shortcut-help__group">
              <h3>{group}</h3>
              <table>
                <tbody>
                  {SHORTCUTS.filter((s) => s.group === group).map((shortcut) => (
                    <tr key={shortcut.id} data-testid="shortcut-row" data-shortcut-id={shortcut.id}>
                      <td className="shortcut-help__keys">
                        {shortcut.chords.map((chord) => <kbd key={chordLabel(chord)}>{chordLabel(chord)}</kbd>)}
                      </td>
                      <td>{shortcut.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p className="shortcut-help__foot">Tab moves between controls; Enter or Space presses the focused one.</p>
      </div>
    </div>
  );
}
