import type { ImportColumn } from '../graphql/import.graphql';
import {
  applySavedMapping, draftChanges, draftFrom, duplicateFields, sameDraft, moveMatchKey, overwritableFields, previewRows, toSavedColumns, toggleMatchKey, unusedMatchKeys,
} from './import-mapping';

const col = (index: number, header: string, field: ImportColumn['field'] = 'IGNORE', samples: string[] = []): ImportColumn => ({ index, header, samples, field, suggested: field });

describe('the mapping editor rules', () => {
  const columns = [col(0, 'Mem No', 'MEMBERSHIP_NUMBER', ['M1', 'M2']), col(1, 'Forename', 'FIRST_NAME', ['Siân']), col(2, 'Phone'), col(3, 'Phone'), col(4, 'Notes')];

  it('applies a saved mapping by header, ignoring case and spacing, in order for repeated headers, leaving unknown columns alone', () => {
    const current = columns.map((c) => c.field);
    const { fields, matched } = applySavedMapping(columns, current, {
      columns: [
        { header: 'mem  no', field: 'MEMBERSHIP_NUMBER' },
        { header: ' FORENAME ', field: 'FULL_NAME' },
        { header: 'Phone', field: 'MOBILE' },
        { header: 'phone', field: 'LANDLINE' },
        { header: 'Email', field: 'EMAIL' },
      ],
    });
    expect(fields).toEqual(['MEMBERSHIP_NUMBER', 'FULL_NAME', 'MOBILE', 'LANDLINE', 'IGNORE']);
    expect(matched).toBe(4);
  });

  it('saves a mapping as header → field for every column', () => {
    expect(toSavedColumns(columns.slice(0, 3), ['MEMBERSHIP_NUMBER', 'FIRST_NAME', 'PHONE'])).toEqual([
      { header: 'Mem No', field: 'MEMBERSHIP_NUMBER' },
      { header: 'Forename', field: 'FIRST_NAME' },
      { header: 'Phone', field: 'PHONE' },
    ]);
  });

  it('sends only what changed since the saved settings', () => {
    const saved = draftFrom({ columns, matchOrder: ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'], keepExisting: [] });
    expect(draftChanges(saved, saved)).toEqual({});
    const fields = [...saved.fields];
    fields[2] = 'MOBILE';
    expect(draftChanges(saved, { ...saved, fields, keepExisting: ['POSTCODE'] })).toEqual({
      columns: [
        { index: 0, field: 'MEMBERSHIP_NUMBER' },
        { index: 1, field: 'FIRST_NAME' },
        { index: 2, field: 'MOBILE' },
        { index: 3, field: 'IGNORE' },
        { index: 4, field: 'IGNORE' },
      ],
      keepExisting: ['POSTCODE'],
    });
  });

  it('treats the "don’t overwrite" fields as a set and the match order as an order', () => {
    const base = { fields: ['EMAIL' as const], matchOrder: ['EMAIL' as const, 'MOBILE' as const], keepExisting: ['POSTCODE' as const, 'BRANCH' as const] };
    expect(sameDraft(base, { ...base, keepExisting: ['BRANCH', 'POSTCODE'] })).toBe(true);
    expect(draftChanges(base, { ...base, keepExisting: ['BRANCH', 'POSTCODE'] })).toEqual({});
    expect(sameDraft(base, { ...base, matchOrder: ['MOBILE', 'EMAIL'] })).toBe(false);
    expect(sameDraft(base, { ...base, keepExisting: ['BRANCH'] })).toBe(false);
  });

  it('reorders and toggles match keys, never leaving none', () => {
    const order = ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'] as const;
    expect(moveMatchKey(order, 'MOBILE', -1)).toEqual(['MEMBERSHIP_NUMBER', 'MOBILE', 'EMAIL']);
    expect(moveMatchKey(order, 'MEMBERSHIP_NUMBER', -1)).toEqual([...order]);
    expect(moveMatchKey(order, 'MOBILE', 1)).toEqual([...order]);
    expect(toggleMatchKey(order, 'EMAIL', false)).toEqual(['MEMBERSHIP_NUMBER', 'MOBILE']);
    expect(toggleMatchKey(['EMAIL'], 'EMAIL', false)).toEqual(['EMAIL']);
    expect(toggleMatchKey(['EMAIL'], 'MOBILE', true)).toEqual(['EMAIL', 'MOBILE']);
    expect(unusedMatchKeys(['EMAIL'])).toEqual(['MEMBERSHIP_NUMBER', 'MOBILE']);
  });

  it('warns of a field chosen twice (except tags and issues, which add up) and offers "don’t overwrite" only for data fields', () => {
    expect(duplicateFields(['EMAIL', 'EMAIL', 'TAGS', 'TAGS', 'IGNORE', 'IGNORE', 'POSTCODE'])).toEqual(['EMAIL']);
    expect(overwritableFields(['MEMBERSHIP_NUMBER', 'EMAIL', 'IGNORE', 'POSTCODE', 'EMAIL'])).toEqual(['EMAIL', 'POSTCODE']);
  });

  it('rebuilds the first rows from the per-column samples', () => {
    expect(previewRows([col(0, 'a', 'IGNORE', ['1', '2']), col(1, 'b', 'IGNORE', ['x'])])).toEqual([['1', 'x'], ['2', '']]);
    expect(previewRows([])).toEqual([]);
  });
});
