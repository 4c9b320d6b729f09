import { parseSentinelList } from './redis-connection';

describe('parseSentinelList', () => {
  it('reads host:port entries, IPv6 in brackets, ignoring blanks', () => {
    expect(parseSentinelList('10.0.0.2:26379, sentinel-b:26380,,[::1]:26381')).toEqual([
      { host: '10.0.0.2', port: 26379 },
      { host: 'sentinel-b', port: 26380 },
      { host: '::1', port: 26381 },
    ]);
  });

  it('refuses an entry without a port, naming it', () => {
    expect(() => parseSentinelList('10.0.0.2:26379,sentinel-b')).toThrow('"sentinel-b"');
    expect(() => parseSentinelList('h:70000')).toThrow('"h:70000"');
  });
});
