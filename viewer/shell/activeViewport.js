/** The viewport under the mouse last (the one the slice keys scroll); null: the plan's first. */
let activeViewportId = null;
export function setActiveViewportId(viewportId) {
    activeViewportId = viewportId;
}
export function getActiveViewportId() {
    return activeViewportId;
}
