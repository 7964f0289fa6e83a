/**
 * dcmjs ships no types. The viewer sees only that the module has a default export; dicomCodec.ts gives it the
 * small typed surface this folder uses. Kept minimal on purpose so that it never disagrees with
 * sample-data/dcmjs.d.ts, which the node test project sees instead of this file.
 */
declare module 'dcmjs' {
  const dcmjs: unknown;
  export default dcmjs;
}
