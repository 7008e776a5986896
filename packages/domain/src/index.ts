/**
 * @muster/domain: Muster's value objects and rules, shared by the API and the apps.
 * Pure TypeScript: no I/O, no clock, no frameworks (see README.md).
 */
export * from './result.js';
export * from './date/date.value.js';
export * from './phone/phone.value.js';
export * from './email/email.value.js';
export * from './postcode/postcode.value.js';
export * from './member/member.types.js';
export * from './member/member.normalise.js';
export * from './member/member.validation.js';
export * from './member/member.draft.js';
export * from './search/search.classify.js';
export * from './access/access.rules.js';
export * from './import/index.js';
export * from './segment/segment.definition.js';
export * from './action/index.js';
export * from './donation/index.js';
export * from './survey/index.js';
export * from './phonebank/index.js';
