/**
 * The views of an MPR plan, in the order the viewport grid places them (sagittal first, where vertebrae are measured:
 * it spans the grid's first column; axial above coronal in the second). Shared by the plan (displayPlan.ts) and the
 * shell's frame the entry chunk lays out before the viewer's code has loaded (shell/entryFrame.ts).
 */
export const MPR_ORIENTATIONS = ['sagittal', 'axial', 'coronal'];
