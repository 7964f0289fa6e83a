/**
 * Version of the generated sample data. Bump it whenever the output changes (anatomy, geometry, attributes, noise):
 * ensureSample.ts regenerates only when the version in output/ground-truth.json differs from this one.
 */
export const GENERATOR_VERSION = '1.1.0';
