export { SessionStore } from './session-store';
export type { SessionLine, ClosedSession } from './session-store';
export { InMemorySessionStore } from './in-memory.session-store';
export { RedisSessionStore } from './redis.session-store';
export type { RedisSessionStoreOptions } from './redis.session-store';
export { compileSessionKey } from './session-key';
export type { SessionKeyRule } from './session-key';
