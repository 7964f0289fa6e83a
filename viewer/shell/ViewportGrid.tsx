import { useEffect, useRef, useState } from 'react';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { scrollViewport, showPlan } from '../cornerstone/viewportController';
import { getState, setState } from '../state/store';
import { findSeries } from '../state/instances';
import { setViewportSnapshot } from '../state/viewports';
import { useAppState } from '../state/useAppState';
import { ViewportOverlay } from './ViewportOverlay';

/**
 * Showing and tearing down plans one after the other: a slow series being replaced must finish setting up and be torn
 * down before the next one starts (they share the rendering engine and the tool group).
 */
let displayQueue: Promise<void> = Promise.resolve();

/** Arrow keys scroll by one slice, Page keys by ten. */
const KEY_SCROLL: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10 };

export function ViewportGrid() {
  const plan = useAppState((s) => s.plan);
  const elements = useRef(new Map<string, HTMLDivElement>());
  const [activeViewportId, setActiveViewportId] = useState<string | null>(null);
  const [loadText, setLoadText] = useState<string | null>(null);

  useEffect(() => {
    if (!plan) return;
    let disposed = false;
    let teardown: (() => void) | null = null;
    const seriesName = findSeries(plan.seriesKey)?.series.description ?? 'series';
    displayQueue = displayQueue.then(async () => {
      try {
        await initCornerstone();
        if (disposed) return;
        teardown = await showPlan(plan, elements.current, getState().primaryTool, {
          onSnapshot: setViewportSnapshot,
          onLoadProgress: (decoded, total) => setLoadText(decoded >= total ? null : `Decoding ${seriesName}: ${decoded} / ${total} slices`),
          onImageError: (imageId, message) => {
            const instance = getState().instances.find((i) => i.imageIds.includes(imageId));
            setState((s) => ({
              problems: [...s.problems, { fileName: instance?.meta.fileName ?? imageId, message: `image could not be decoded: ${message}`, severity: 'error' }],
            }));
          },
        });
        if (disposed) {
          teardown();
          teardown = null;
        }
      } catch (error) {
        setState({ status: `The series could not be displayed: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
    return () => {
      disposed = true;
      displayQueue = displayQueue.then(() => {
        teardown?.();
        teardown = null;
      });
    };
  }, [plan]);

  useEffect(() => {
    if (!plan) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      const delta = KEY_SCROLL[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      scrollViewport(activeViewportId ?? plan.viewports[0].viewportId, delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [plan, activeViewportId]);

  if (!plan) {
    return <div className="viewport-grid viewport-grid--empty">Choose an image series on the left.</div>;
  }
  return (
    <div className="viewport-area">
      {plan.notes.length > 0 && (
        <ul className="display-notes" data-testid="display-notes">
          {plan.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      {loadText && <div className="progress progress--decode" role="status" data-testid="decode-progress">{loadText}</div>}
      <div className={`viewport-grid viewport-grid--${plan.mode}`}>
        {plan.viewports.map((spec) => (
          <div key={spec.viewportId} className={`viewport-cell viewport-cell--${spec.orientation}`} onMouseEnter={() => setActiveViewportId(spec.viewportId)}>
            <div
              ref={(el) => {
                if (el) elements.current.set(spec.viewportId, el);
                else elements.current.delete(spec.viewportId);
              }}
              className="viewport"
              data-testid="viewport"
              data-viewport-id={spec.viewportId}
              data-orientation={spec.orientation}
              data-series-uid={spec.seriesKey}
              onContextMenu={(e) => e.preventDefault()}
            />
            <ViewportOverlay spec={spec} />
          </div>
        ))}
      </div>
    </div>
  );
}
