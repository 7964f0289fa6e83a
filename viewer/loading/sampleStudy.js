const SAMPLE_ROOT = '/sample';
export async function fetchSampleManifest() {
    const response = await fetch(`${SAMPLE_ROOT}/manifest.json`);
    if (!response.ok) {
        throw new Error(`the sample study is not available (HTTP ${response.status}); run "npm run sample" and reload`);
    }
    return (await response.json());
}
/** Downloads the files of the chosen sample studies from the local server as File objects. */
export async function fetchSampleFiles(manifest, studyKeys, onProgress) {
    const paths = manifest.studies.filter((s) => studyKeys.includes(s.key)).flatMap((s) => s.series.flatMap((x) => x.files));
    const files = new Array(paths.length);
    let done = 0;
    const queue = [...paths.entries()];
    const worker = async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
            const [index, path] = item;
            const response = await fetch(`${SAMPLE_ROOT}/${path}`);
            if (!response.ok)
                throw new Error(`sample file ${path} could not be fetched (HTTP ${response.status})`);
            files[index] = new File([await response.blob()], path, { type: 'application/dicom' });
            onProgress(++done, paths.length);
        }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return files;
}
