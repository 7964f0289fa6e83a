import { useEffect, useId, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { ChevronDown } from 'lucide-react';

export interface ToolbarMenuProps {
  testId: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true' }>;
  label: string;
  /** The items; rendered only while the menu is open. `close` shuts it (after an item has run). */
  children: (close: () => void) => ReactNode;
}

/**
 * A disclosure menu for less-used actions: the button toggles a panel of ordinary buttons (reachable with Tab), Escape
 * or a click elsewhere closes it and gives the focus back to the button.
 */
export function ToolbarMenu({ testId, icon: Icon, label, children }: ToolbarMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Escape closes the menu before it does anything else (cancelling a placement, say).
      event.stopImmediatePropagation();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [open]);

  return (
    <div className="menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="tool__button tool__button--text"
        data-testid={testId}
        aria-expanded={open}
        aria-controls={panelId}
        title={label}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon aria-hidden="true" size={18} />
        <span className="tool__text">{label}</span>
        <ChevronDown aria-hidden="true" size={14} />
      </button>
      {open && (
        <div className="menu__panel" id={panelId} data-testid={`${testId}-panel`}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
