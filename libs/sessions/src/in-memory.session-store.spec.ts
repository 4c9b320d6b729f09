import { InMemorySessionStore } from './in-memory.session-store';
import { describeSessionStoreContract } from './session-store.contract';
import { compileSessionKey } from './session-key';

describeSessionStoreContract('in-memory', async () => new InMemorySessionStore());

describe('compileSessionKey', () => {
  it('takes a regex match or its first group from the message, or a path into attributes', () => {
    const blk = compileSessionKey({ pattern: 'blk_-?\\d+' });
    expect(blk('Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106')).toBe('blk_-1608999687919862906');
    expect(blk('no block here')).toBeNull();
    const grp = compileSessionKey({ pattern: 'req=(\\w+)' });
    expect(grp('GET / req=abc12 200')).toBe('abc12');
    const field = compileSessionKey({ field: 'trace.id', pattern: 'req=(\\w+)' });
    expect(field('req=zzz', { trace: { id: 't-1' } })).toBe('t-1');
    expect(field('req=zzz', { trace: {} })).toBe('zzz');
  });
});
