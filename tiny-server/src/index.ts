export type { TinyErrorCode } from './errors.js';
export { TinyError } from './errors.js';
export { BUNDLED_ROOT } from './paths.js';
export type { TinyConnections, TinyOptions, TinyServer } from './server.js';
export { startTinyServer } from './server.js';
