export * from './taxonomy.js';
export * from './errors.js';
export * from './topics.js';
export * from './kb.js';
export * from './messages.js';
export * from './codec.js';
export * from './acl.js';
export * from './understand.js';
