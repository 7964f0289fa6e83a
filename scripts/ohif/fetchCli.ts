/**
 * `npm run ohif:fetch`: makes sure the pinned OHIF build is in the git-ignored cache (.cache/ohif/<version>/dist).
 * Exits 0 when it is there or when the registry is unreachable (said so on stdout: what needs OHIF then skips), 1 when
 * the package was reached but could not be fetched or unpacked.
 */
import { ensureOhifBuild } from './ohifBuild';

async function main(): Promise<number> {
  const build = await ensureOhifBuild({ log: (line) => console.log(`  ${line}`) });
  if (build.ok) {
    console.log(`OHIF ${build.version}: ${build.fetched ? 'fetched' : 'already present'} (${build.fileCount} files) in ${build.distDir}`);
    return 0;
  }
  if (build.reason === 'registry-unreachable') {
    console.log(`OHIF ${build.version}: ${build.message}`);
    return 0;
  }
  console.error(`OHIF ${build.version}: ${build.message}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
