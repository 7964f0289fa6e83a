import { describe, expect, it } from 'vitest';
import { TAG, attribute, numberValue, personName, sequenceItems, stringValue, stringValues, value, values } from '../../viewer/dicomweb/dicomJson';

/** A QIDO-RS study as Orthanc 1.10 sends it, trimmed. */
const orthancStudy = {
  '00080020': { vr: 'DA', Value: ['20260910'] },
  '00080061': { vr: 'CS', Value: ['CR', 'MR'] },
  '00080090': { vr: 'PN' },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'PHANTOM^SPINE' }] },
  '0020000D': { vr: 'UI', Value: ['2.25.1'] },
  '00201208': { vr: 'IS', Value: [16] },
};

describe('reading DICOM JSON attributes', () => {
  it('reads the first value of a tag', () => {
    expect(value(orthancStudy, TAG.StudyInstanceUID)).toBe('2.25.1');
  });

  it('finds a tag written in lowercase either in the query or in the data', () => {
    expect(stringValue({ '0020000d': { vr: 'UI', Value: ['1.2'] } }, '0020000D')).toBe('1.2');
    expect(stringValue(orthancStudy, '0020000d')).toBe('2.25.1');
  });

  it('reads every value of a multi-valued attribute', () => {
    expect(stringValues(orthancStudy, TAG.ModalitiesInStudy)).toEqual(['CR', 'MR']);
    expect(values(orthancStudy, TAG.ModalitiesInStudy)).toHaveLength(2);
  });

  it('reads the alphabetic form of a person name', () => {
    expect(personName(orthancStudy, TAG.PatientName)).toBe('PHANTOM^SPINE');
  });

  it('reads a person name sent as a plain string', () => {
    expect(personName({ '00100010': { vr: 'PN', Value: ['DOE^JANE'] } }, TAG.PatientName)).toBe('DOE^JANE');
  });

  it('gives an empty name for a name with only an ideographic form', () => {
    expect(personName({ '00100010': { vr: 'PN', Value: [{ Ideographic: '山田^太郎' }] } }, TAG.PatientName)).toBe('');
  });

  it.each([
    ['a number', [16], 16],
    ['a numeric string', [' 12 '], 12],
    ['a decimal string', ['0.5'], 0.5],
    ['a non-numeric string', ['abc'], null],
    ['an empty string', [''], null],
    ['an infinite number', [Infinity], null],
    ['null', [null], null],
  ])('reads %s as the number %s', (_case, raw, expected) => {
    expect(numberValue({ '00201208': { vr: 'IS', Value: raw } }, TAG.NumberOfStudyRelatedInstances)).toBe(expected);
  });

  it.each([
    ['an attribute without a Value', orthancStudy, TAG.ReferringPhysicianName],
    ['a missing attribute', orthancStudy, TAG.AccessionNumber],
    ['an attribute that is not an object', { '00080050': 'A1' }, TAG.AccessionNumber],
    ['a Value that is not a list', { '00080050': { vr: 'SH', Value: 'A1' } }, TAG.AccessionNumber],
    ['null instead of a dataset', null, TAG.AccessionNumber],
    ['a list instead of a dataset', [orthancStudy], TAG.AccessionNumber],
    ['a string instead of a dataset', 'not json', TAG.AccessionNumber],
  ])('gives empty answers for %s', (_case, json, tag) => {
    expect(value(json, tag)).toBeUndefined();
    expect(stringValue(json, tag)).toBe('');
    expect(stringValues(json, tag)).toEqual([]);
    expect(numberValue(json, tag)).toBeNull();
    expect(sequenceItems(json, tag)).toEqual([]);
  });

  it('returns the attribute itself with its VR and bulk data URI', () => {
    const json = { '7FE00010': { vr: 'OW', BulkDataURI: 'http://pacs/bulk/1' } };
    expect(attribute(json, '7fe00010')).toEqual({ vr: 'OW', BulkDataURI: 'http://pacs/bulk/1' });
  });

  it('reads the items of a sequence, dropping items that are not datasets', () => {
    const json = { '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3'] } }, 'junk', null] } };
    const items = sequenceItems(json, TAG.ReferencedSOPSequence);
    expect(items).toHaveLength(1);
    expect(stringValue(items[0], TAG.ReferencedSOPInstanceUID)).toBe('1.2.3');
  });
});
