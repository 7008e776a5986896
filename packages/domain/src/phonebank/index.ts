export * from './calling-hours.js';
export * from './settings.js';
export * from './call-outcome.js';
export * from './eligibility.js';
export * from './lease.js';
