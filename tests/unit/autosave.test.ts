import { describe, expect, it } from 'vitest';
import { startAutosave } from '../../viewer/actions/autosave';
import { execute } from '../../viewer/model/measurements';
import { getState, setState } from '../../viewer/state/store';
import type { PatientGroup } from '../../viewer/loading/grouping';

const patients: PatientGroup[] = [
  { key: 'P', patientName: 'PHANTOM^SPINE', patientId: 'P1', studies: [{ key: 'S1', patientKey: 'P', studyInstanceUID: 'S1', studyDate: '20260915', studyDescription: '', accessionNumber: '', series: [] }] },
];

describe('autosave without a browser store (private mode, or storage switched off)', () => {
  it('says that measurements cannot be saved, and keeps them on the page', async () => {
    // Node has no IndexedDB: the same path a browser takes when storage is refused.
    const stop = startAutosave();
    setState({ patients });
    await expect.poll(() => getState().saveError).toMatch(/could not be read|could not be saved/);
    setState((s) => ({
      measurements: execute(s.measurements, {
        type: 'add',
        measurement: {
          id: 'm1', studyKey: 'S1', seriesKey: 'X', frameOfReferenceUID: 'F', level: 'L1', calibrated: true,
          points: { anteriorSuperior: [0, -15, 20], anteriorInferior: [0, -15, 0], middleSuperior: [0, 0, 20], middleInferior: [0, 0, 0], posteriorSuperior: [0, 15, 25], posteriorInferior: [0, 15, 0] },
          viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: null,
        },
      }),
    }));
    await expect.poll(() => getState().saveError).toMatch(/IndexedDB|private mode/);
    expect(Object.keys(getState().measurements.byId)).toEqual(['m1']);
    stop();
  });
});
