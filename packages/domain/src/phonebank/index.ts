export * from './calling-hours.js';
export * from './settings.js';
