/** The viewport under the mouse last (the one the slice keys scroll); null: the plan's first. */
let activeViewportId: string | null = null;

export function setActiveViewportId(viewportId: string | null): void {
  activeViewportId = viewportId;
}

export function getActiveViewportId(): string | null {
  return activeViewportId;
}
