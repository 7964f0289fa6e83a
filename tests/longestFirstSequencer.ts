import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each long test file took in the fresh-clone CI run of 2026-12-02 13:22 UTC (a quiet 2-core machine, two
 * files at a time within each project). Every file not listed took under 3 s. Round numbers: only the order
 * they give matters.
 */
export const MEASURED_FILE_SECONDS: Readonly<Record<string, number>> = {
  // Relaunched on the MR instead of the CT (2026-12-04): 63 s alone on a 2-core VM.
  'tests/e2e/crashSafety.test.ts': 63,
  'tests/integration/ohif.test.ts': 77,
  'tests/e2e/pacs.test.ts': 76,
  'tests/e2e/readingRoom.test.ts': 68,
  'tests/e2e/grading.test.ts': 66,
  // 43 s for its four cases in that run; the fifth (firstentry, a visit before and the viewer's code held back) took
  // 48 s of 216 s for the five at load 25: about 60 s on that machine, estimated. With the three compressed cases
  // (j2kentry): 212 s for the eight at load 16, 21–34 s each; about 110 s on that machine, estimated.
  'tests/e2e/earlyImage.test.ts': 110,
  'tests/e2e/assist.test.ts': 65,
  // Its phantom rasterized from a module constant (2026-12-04): 16 s in a fresh-clone run on a 2-core VM.
  'tests/unit/sampleData.test.ts': 16,
  'tests/e2e/fuzz.test.ts': 49,
  'tests/e2e/compare.test.ts': 49,
  'tests/e2e/devServer.test.ts': 43,
  'tests/e2e/heightTool.test.ts': 43,
  'tests/e2e/transfer.test.ts': 41,
  'tests/e2e/csp.test.ts': 39,
  'tests/e2e/assistHandOver.test.ts': 38,
  'tests/e2e/malformed.test.ts': 35,
  'tests/e2e/compressedLargeSeries.test.ts': 30,
  'tests/e2e/viewer.test.ts': 29,
  'tests/e2e/persistence.test.ts': 28,
  // The four refused frames in one session (2026-12-04): 40 s alone on a 2-core VM.
  'tests/e2e/wadorsFrames.test.ts': 40,
  'tests/e2e/streamingRenders.test.ts': 50,
  'tests/unit/analysisPhantom.test.ts': 24,
  'tests/e2e/localDecodeAhead.test.ts': 24,
  'tests/e2e/foreignAnnotations.test.ts': 23,
  'tests/e2e/largeSeries.test.ts': 21,
  // 18 s at load ~9, 31 s at load ~15 (2026-12-03, localread).
  'tests/e2e/localRead.test.ts': 20,
  'tests/e2e/decodeContainment.test.ts': 20,
  'tests/integration/orthanc.test.ts': 15,
  'tests/e2e/volumeTexels.test.ts': 15,
  // Not in that run (added later): measured alone on the loaded machine.
  'tests/e2e/monochrome1.test.ts': 40,
  // The real VerSe CT and TPTBox MR written as DICOM and proposed in the browser: 27 s for the CT alone at load 8 (skipped without ../shared).
  'tests/e2e/assistRealScans.test.ts': 40,
  // 14 s alone on a 2-core VM (2026-12-04).
  'tests/e2e/assistThickSlices.test.ts': 14,
  'tests/e2e/assistWholeSpine.test.ts': 28,
  // 47–52 s alone at load ≈ 6–7 on a 2-core VM (2026-12-04): its CT written as a 119 MB object and read, and Orthanc.
  'tests/e2e/enhancedMultiframe.test.ts': 50,
  'tests/unit/analysisThinShellMr.test.ts': 11,
  // Measured alone at load ≈ 6: 26 s (its import renders the sweep's whole low-SNR T2 scene and a cropped T1).
  'tests/unit/analysisLowSnrMr.test.ts': 26,
  // Measured alone at load ≈ 12: 30 s (its import renders two of the sweep's whole MR scenes).
  'tests/unit/analysisMrNoiseDraws.test.ts': 30,
  // Measured alone at load ≈ 12: 16 s (its import renders a cropped T2 scene).
  'tests/unit/analysisMrShellPolarity.test.ts': 16,
  // Measured alone at load ≈ 5–8: 23–33 s (its import renders two of the sweep's degenerated scenes, two T2 and two CT draws).
  'tests/unit/analysisDegeneratedSpine.test.ts': 30,
  // Measured alone at load ≈ 5–7: 37 s (its import renders two of the sweep's whole scenes, the desiccated spine and the baseline, six MR draws).
  'tests/unit/analysisSpineLevels.test.ts': 37,
  // Measured alone: 55 s at load ≈ 7 with two sweeps running, 19 s at load ≈ 4 (its import renders the DISH and baseline scenes, three CT draws and two more in its tests).
  'tests/unit/analysisBridgedSpine.test.ts': 20,
  // 28 s in a fresh-clone run on a 2-core VM (2026-12-05): the VerSe anatomy made into a T1 and a T2 MR, nine spines each.
  'tests/unit/analysisVerseMr.test.ts': 28,
  // 14 s alone at load ≈ 1 (2026-12-05): six 1 mm CT scenes of a severe wedge rendered, 22 clicks.
  'tests/unit/analysisSevereWedgeCt.test.ts': 14,
  'tests/e2e/seriesMemory.test.ts': 10,
  // 15–20 s alone at load ≈ 2 on a 2-core VM (2026-12-04): two small series over Orthanc, two sessions.
  'tests/e2e/thumbnailFrames.test.ts': 18,
  'tests/unit/srReport.test.ts': 11,
  'tests/e2e/decoding.test.ts': 11,
  'tests/e2e/patientText.test.ts': 11,
  'tests/unit/releasePixelData.test.ts': 6,
  'analysis/fitBodyBox.test.ts': 5,
  // 4.6 s in a fresh-clone run on a 2-core VM (2026-12-05): eighteen clicks on two drawn planes.
  'analysis/nearCubicBody.test.ts': 5,
  'tests/unit/analysisMrPhantomContrasts.test.ts': 4,
  'tests/unit/analysisTptboxMr.test.ts': 3,
  'tests/unit/analysisVerse.test.ts': 3,
  'tests/unit/pooledFrameAnswer.test.ts': 3,
};

/**
 * Hands the longest files to the workers first, within each group of projects, so that two workers finish together
 * instead of one running a 70 s file alone at the end. Vitest's own order needs durations cached by an earlier run; a
 * fresh clone on CI has none and orders by file size, which put the 26 s dev-server file (22 lines) last.
 */
export class LongestFirstSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) => MEASURED_FILE_SECONDS[relative(root, spec.moduleId)] ?? 0;
    const groupOrder = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    return Promise.resolve([...files].sort((a, b) => groupOrder(a) - groupOrder(b) || seconds(b) - seconds(a)));
  }
}
