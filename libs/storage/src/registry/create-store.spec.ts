import { STORAGE_ERROR_CODES } from '../errors/error-codes';
import { StorageInvalidOptionsError } from '../errors/storage-invalid-options.error';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { StorageInvalidRecordError } from '../errors/storage-invalid-record.error';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageOpenError } from '../errors/storage-open.error';
import { StorageQueryError } from '../errors/storage-query.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { PostgresStore } from '../postgres/postgres.store';
import { createStore } from './create-store';
import { STORAGE_ADAPTERS, STORAGE_URL_SCHEMES } from './storage-registry';

const json = { jsonLines: { dir: '/tmp/x' } };

describe('createStore', () => {
  it('picks the adapter by URL scheme: PostgreSQL for postgres:// and postgresql://, JSON Lines for file:// and when unset', () => {
    expect(createStore('postgres://u@h/db', json).adapter).toBe('postgres');
    expect(createStore(' postgresql://u@h/db ', json).adapter).toBe('postgres');
    expect(createStore('POSTGRES://u@h/db', json).adapter).toBe('postgres');
    for (const unset of [undefined, '', '  ']) {
      const s = createStore(unset, json);
      expect([s.adapter, s.location]).toEqual(['json-lines', '/tmp/x']);
    }
    const files = createStore('file:///var/lib/logad%20data', json);
    expect([files.adapter, files.location]).toEqual(['json-lines', '/var/lib/logad data']);
  });

  it('refuses anything else, without the password in the message', () => {
    expect(() => createStore('postgress://u:pw@h/db', json)).toThrow(StorageInvalidOptionsError);
    expect(() => createStore('postgress://u:pw@h/db', json)).toThrow(/u:\*\*\*@h/);
    expect(() => createStore('logs', json)).toThrow(/STORAGE_URL must be unset .* or a file: \/ postgres: \/ postgresql: URL/);
    expect(() => new PostgresStore({ url: 'postgres://h/db', schema: 'Bad-Name' })).toThrow(StorageInvalidOptionsError);
    expect(() => new PostgresStore({ url: 'postgres://h/db', poolSize: 0 })).toThrow(StorageInvalidOptionsError);
    expect(() => new PostgresStore({ url: 'postgres://h/db', poolSize: undefined, schema: undefined })).not.toThrow();
  });

  it('lists every adapter once, with its capabilities, and the schemes the apps accept', () => {
    expect(STORAGE_ADAPTERS.map((a) => a.name)).toEqual(['json-lines', 'postgres']);
    expect(STORAGE_URL_SCHEMES).toEqual(['file:', 'postgres:', 'postgresql:']);
    expect(new Set(STORAGE_URL_SCHEMES).size).toBe(STORAGE_URL_SCHEMES.length);
    for (const a of STORAGE_ADAPTERS) {
      const store = a.create(a.name === 'postgres' ? new URL('postgres://h/db') : undefined, 'postgres://h/db', json);
      expect([store.adapter, store.capabilities]).toEqual([a.name, a.capabilities]);
    }
  });

  it('has every error class code in STORAGE_ERROR_CODES', () => {
    const codes = [
      new StorageWriteError('x').code,
      new StorageNotOpenError().code,
      new StorageOpenError('x').code,
      new StorageInvalidRecordError('x').code,
      new StorageInvalidQueryError('x').code,
      new StorageQueryError('x').code,
      new StorageInvalidOptionsError('x').code,
    ];
    expect(Object.keys(STORAGE_ERROR_CODES).sort()).toEqual(codes.sort());
  });
});
