/** The manifest the sample generator writes next to the phantom files (sample-data/output/manifest.json). */
export interface SampleManifest {
  generatorVersion: string;
  studies: ReadonlyArray<{
    key: string;
    studyInstanceUID: string;
    studyDate: string;
    description: string;
    series: ReadonlyArray<{ key: string; seriesInstanceUID: string; modality: string; description: string; files: readonly string[] }>;
  }>;
}

const SAMPLE_ROOT = '/sample';

export async function fetchSampleManifest(): Promise<SampleManifest> {
  const response = await fetch(`${SAMPLE_ROOT}/manifest.json`);
  if (!response.ok) {
    throw new Error(`the sample study is not available (HTTP ${response.status}); run "npm run sample" and reload`);
  }
  return (await response.json()) as SampleManifest;
}

/** Downloads the files of the chosen sample studies from the local server as File objects. */
export async function fetchSampleFiles(
  manifest: SampleManifest,
  studyKeys: readonly string[],
  onProgress: (done: number, total: number) => void,
): Promise<File[]> {
  const paths = manifest.studies.filter((s) => studyKeys.includes(s.key)).flatMap((s) => s.series.flatMap((x) => x.files));
  const files: File[] = new Array(paths.length);
  let done = 0;
  const queue = [...paths.entries()];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const [index, path] = item;
      const response = await fetch(`${SAMPLE_ROOT}/${path}`);
      if (!response.ok) throw new Error(`sample file ${path} could not be fetched (HTTP ${response.status})`);
      files[index] = new File([await response.blob()], path, { type: 'application/dicom' });
      onProgress(++done, paths.length);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return files;
}
