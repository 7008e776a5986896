export * from './donation.money.js';
export * from './donation.status.js';
export * from './donation.gift-aid.js';
