export * from './calling-hours.js';
