export * from './survey.definition.js';
export * from './survey.answers.js';
export * from './survey.version.js';
