import { getRenderingEngine, StackViewport, utilities } from '@cornerstonejs/core';
import { proposeNextLevel, SPINAL_LEVELS } from '../../measurement';
import { displayedPlaneOf, seriesGrid } from '../model/displayedPlane';
import { levelAfterCompletion } from '../model/levelProposal';
import { execute } from '../model/measurements';
import { measurementFromProposal } from '../model/proposal';
import { findSeries } from '../state/instances';
import { getState, setState } from '../state/store';
import { analysisViewOf, prepareVolumeForAnalysis, requestProposal, requestSnap, requestSpine, warmUpStackAnalysis } from './analysisClient';
import { ENGINE_ID } from './renderingEngine';
/**
 * The image-analysis hooks of the height tool: snapping a click, proposing the body around a click, and the spine
 * between two clicks. Results become vertebrae through model/'s one mapper and enter the store as undoable commands
 * (a whole detected spine is one 'addMany', so one undo removes it). Every failure is a notice, never a throw.
 */
function patchAssist(patch) {
    setState((s) => ({ assist: { ...s.assist, ...(typeof patch === 'function' ? patch(s.assist) : patch) } }));
}
function notify(kind, message) {
    patchAssist({ notice: { kind, message } });
}
/** Runs one user request with the pending count shown (QA scripts wait for it to return to 0). */
async function busy(run) {
    patchAssist((a) => ({ pending: a.pending + 1 }));
    try {
        return await run();
    }
    finally {
        patchAssist((a) => ({ pending: Math.max(0, a.pending - 1) }));
    }
}
/** Runs one analysis request: a failure becomes the notice, a success records its timing (from `startedMs`). */
async function tracked(kind, startedMs, run, countOf) {
    const reply = await run();
    if (!reply.ok)
        notify('error', reply.message);
    else if (kind)
        patchAssist({ lastTiming: { kind, analysisMs: reply.analysisMs, roundTripMs: performance.now() - startedMs, vertebrae: countOf(reply.value) } });
    return reply;
}
function point3(p) {
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}
/** The level `offset` bodies from `first` going caudal or cranial; null beyond C2 or S1. */
export function levelCounted(first, offset, direction) {
    const index = SPINAL_LEVELS.indexOf(first) + (direction === 'caudal' ? offset : -offset);
    return SPINAL_LEVELS[index] ?? null;
}
/**
 * Readies the analysis worker for the plan's first click with assistance on: hands the plan's volume (its sagittal
 * view's series first) over in the background, so that the click does not wait for the copy; a stack plan, which
 * sends its displayed image with each click, has the worker warm up on the displayed image instead.
 */
export function prepareAssistFor(plan) {
    const preferred = (kind) => {
        const specs = plan.viewports.filter((v) => v.kind === kind);
        return specs.find((v) => v.seriesKey === plan.seriesKey && v.orientation === 'sagittal') ?? specs[0];
    };
    const volume = preferred('volume');
    if (volume) {
        prepareVolumeForAnalysis(volume);
        return;
    }
    const stack = preferred('stack');
    const viewport = stack ? getRenderingEngine(ENGINE_ID)?.getViewport(stack.viewportId) : undefined;
    if (stack && viewport instanceof StackViewport)
        warmUpStackAnalysis(viewport, stack);
}
/** The hooks for the tool, bound to one display plan. */
export function createPlacementAssist({ plan, viewportOf }) {
    if (getState().assist.mode !== 'off')
        prepareAssistFor(plan);
    /** The clicked view, ready for the worker; null (with a notice) when it cannot be analysed. */
    const prepare = async (viewportId) => {
        const spec = plan.viewports.find((v) => v.viewportId === viewportId);
        const viewport = viewportOf(viewportId);
        const found = spec ? findSeries(spec.seriesKey) : null;
        if (!spec || !viewport || !found)
            return null;
        if (!spec.calibrated) {
            notify('error', 'This image has no patient calibration (no pixel spacing in mm), so the image analysis cannot propose points. Place them by hand: heights will be in pixels and not graded.');
            return null;
        }
        const view = await tracked(null, 0, () => analysisViewOf(viewport, spec), () => 0);
        if (!view.ok)
            return null;
        const camera = viewport.getCamera();
        const imageId = viewport instanceof StackViewport ? viewport.getCurrentImageId() : null;
        const viewPlaneNormal = point3(camera.viewPlaneNormal ?? [1, 0, 0]);
        const viewUp = point3(camera.viewUp ?? [0, 0, 1]);
        const grid = seriesGrid(found.series);
        const plane = grid === null ? null : displayedPlaneOf(grid, viewPlaneNormal, viewUp);
        return {
            view: view.value,
            viewport,
            context: {
                studyKey: found.study.key,
                seriesKey: spec.seriesKey,
                frameOfReferenceUID: viewport.getFrameOfReferenceUID() ?? '',
                calibrated: spec.calibrated,
                viewPlaneNormal,
                viewUp,
                referencedImageId: imageId,
                ...(plane === null ? {} : { plane }),
            },
        };
    };
    /** Adds proposals as one undoable step; `requestedLevel` is the level selector's value when the user clicked. */
    const addProposals = (measurements, requestedLevel, lastLevel) => {
        const state = getState();
        const first = measurements[0];
        if (!first)
            return;
        const next = measurements.length === 1
            ? execute(state.measurements, { type: 'add', measurement: first })
            : execute(state.measurements, { type: 'addMany', measurements });
        const placed = Object.values(next.byId).filter((m) => m.seriesKey === first.seriesKey).map((m) => m.level);
        setState({
            measurements: next,
            selectedMeasurementId: measurements.length === 1 ? first.id : state.selectedMeasurementId,
            // A level the user picked while the analysis ran is kept (as after a manual placement).
            nextLevel: levelAfterCompletion({
                completedLevel: requestedLevel,
                selectedLevel: state.nextLevel,
                proposal: proposeNextLevel(placed, lastLevel, state.levelDirection),
            }),
        });
    };
    const proposeOne = async (viewportId, world) => {
        const started = performance.now();
        const level = getState().nextLevel;
        const prepared = await prepare(viewportId);
        if (!prepared)
            return;
        const reply = await tracked('vertebra', started, () => requestProposal(prepared.view, world), () => 1);
        if (!reply.ok)
            return;
        const measurement = measurementFromProposal(reply.value, { ...prepared.context, id: utilities.uuidv4(), level });
        addProposals([measurement], level, level);
        notify('info', `${level} proposed${reply.value.reasons.length ? `; check it: ${reply.value.reasons.map((r) => r.message).join(' ')}` : ''}`);
    };
    const detect = async (viewportId, firstMm, lastMm) => {
        const started = performance.now();
        const firstLevel = getState().nextLevel;
        const prepared = await prepare(viewportId);
        if (!prepared)
            return;
        const reply = await tracked('spine', started, () => requestSpine(prepared.view, firstMm, lastMm), (v) => v.vertebrae.length);
        if (!reply.ok)
            return;
        const { vertebrae, direction, missingLevelOffsets } = reply.value;
        const measurements = [];
        let lastLevel = firstLevel;
        for (const vertebra of vertebrae) {
            const level = levelCounted(firstLevel, vertebra.levelOffset, direction);
            if (!level)
                continue;
            measurements.push(measurementFromProposal(vertebra.proposal, { ...prepared.context, id: utilities.uuidv4(), level }));
            lastLevel = level;
        }
        const [firstProposal] = measurements;
        if (firstProposal === undefined) {
            notify('error', 'No vertebral body could be proposed between the two clicks.');
            return;
        }
        addProposals(measurements, firstLevel, lastLevel);
        const missing = missingLevelOffsets.map((o) => levelCounted(firstLevel, o, direction)).filter((l) => l !== null);
        notify('info', `${measurements.length} vertebrae proposed (${firstProposal.level}–${lastLevel})${missing.length ? `; not found: ${missing.join(', ')} (place them by hand)` : ''}.`);
    };
    return {
        mode: () => getState().assist.mode,
        takesBodyClicks: () => getState().assist.mode === 'click' || getState().assist.detection !== null,
        snap: (viewportId, world, corner) => busy(async () => {
            const started = performance.now();
            const prepared = await prepare(viewportId);
            if (!prepared)
                return null;
            const reply = await tracked('snap', started, () => requestSnap(prepared.view, point3(world), corner), () => 0);
            if (!reply.ok)
                return null;
            if (!reply.value.snapped) {
                notify('info', 'No endplate edge within reach of that click: the point stays where it was clicked.');
                return null;
            }
            patchAssist({ notice: null });
            return [...reply.value.pointMm];
        }),
        onBodyClick: (viewportId, world) => {
            const detection = getState().assist.detection;
            const clicked = point3(world);
            if (detection?.step === 'first') {
                patchAssist({ detection: { step: 'last', firstMm: clicked, viewportId }, notice: { kind: 'info', message: 'Now click the centre of the last vertebral body to measure.' } });
                return;
            }
            if (detection?.step === 'last') {
                patchAssist({ detection: null });
                void busy(() => detect(detection.viewportId, point3(detection.firstMm), clicked));
                return;
            }
            void busy(() => proposeOne(viewportId, clicked));
        },
    };
}
