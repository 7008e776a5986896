/**
 * Member import and CSV: the pure parts (encoding, parsing, mapping, row normalisation, match keys, escaping).
 * The API's import engine (apps/api/src/import) streams files through these; the admin app shows their results.
 */
export * from './import.encoding.js';
export * from './import.csv.js';
export * from './import.mapping.js';
export * from './import.date.js';
export * from './import.row.js';
