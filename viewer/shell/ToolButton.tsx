import type { ComponentType, ReactNode } from 'react';
import type { ShortcutId } from '../model/shortcuts';
import { shortcutLabel } from '../model/shortcuts';

export interface ToolButtonProps {
  testId: string;
  icon?: ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true' }> | undefined;
  /** The action's name (the accessible name and the tooltip's first words). */
  label: string;
  /** Shown beside the icon; default: icon only. */
  text?: ReactNode;
  shortcut?: ShortcutId;
  /** Why the button cannot be used now; a reason makes it disabled and is the tooltip. */
  disabledReason?: string | null;
  /** For tools and toggles: whether it is on. */
  pressed?: boolean;
  onClick: () => void;
}

/**
 * An icon button whose tooltip names the action and its key, or says why it is disabled. The tooltip sits on a wrapper
 * so it still shows over a disabled button (which gets no mouse events).
 */
export function ToolButton({ testId, icon: Icon, label, text, shortcut, disabledReason, pressed, onClick }: ToolButtonProps) {
  const keys = shortcut ? shortcutLabel(shortcut) : '';
  const tooltip = disabledReason ? `${label}: ${disabledReason}` : keys ? `${label} (${keys})` : label;
  return (
    <span className="tool" title={tooltip}>
      <button
        type="button"
        className={`tool__button${text ? ' tool__button--text' : ''}${Icon ? ' tool__button--icon' : ''}`}
        data-testid={testId}
        aria-label={label}
        aria-keyshortcuts={keys ? keys.replace(/ or /g, ' ') : undefined}
        aria-pressed={pressed}
        disabled={Boolean(disabledReason)}
        onClick={onClick}
      >
        {Icon && <Icon aria-hidden="true" size={18} />}
        {text && <span className="tool__text">{text}</span>}
      </button>
    </span>
  );
}
