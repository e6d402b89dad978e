export { LruCache, MAX_CACHE_SIZE, MAX_OBJECT_SIZE } from './cache/lru-cache.js';
export { type ProxyOptions, type ProxyServer, startProxy } from './server.js';
