export * from './action.state.js';
export * from './follow-through.js';
