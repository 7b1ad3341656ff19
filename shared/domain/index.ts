// shared/domain: the one place the claim lifecycle is written (ARCHITECTURE.md "One rule, three places").
export * from './actions.js';
export * from './assignment.js';
export * from './calendar.js';
export * from './checklist.js';
export * from './claim.js';
export * from './clocks.js';
export * from './lifecycle.js';
export * from './limits.js';
export * from './model.js';
export * from './products.js';
export * from './qa.js';
export * from './qa-claim.js';
export * from './refusal.js';
export * from './rejection.js';
export * from './users.js';
export * from './views.js';
export * from './text.js';
