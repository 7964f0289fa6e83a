/**
 * The measurements export as written to disk, version 1. Field by field, with units and what import accepts, in
 * SCHEMA.md next to this file; keep the two in step.
 */
/** The value of `format`: tells this file apart from any other JSON. */
export const MEASUREMENTS_FORMAT = 'vertebral-height-measurements';
/**
 * The schema version this code writes and the newest it reads. Raised only for a change an older reader would
 * misread; a new optional field (e.g. a comparison block) keeps the version, since readers ignore unknown fields.
 */
export const MEASUREMENTS_SCHEMA_VERSION = 1;
