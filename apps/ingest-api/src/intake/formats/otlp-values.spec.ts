import { util } from 'protobufjs';
import { nanosToMs } from './otlp-values';

describe('nanosToMs', () => {
  it('turns a fixed64 Long into epoch ms exactly, as BigInt division would', () => {
    const cases = ['1', '999999', '1000000', '1764144000123456789', '1764144000123999999', '1764144000124000000', '18446744073709551615'];
    for (let i = 0; i < 2000; i++) cases.push((1_700_000_000_000_000_000n + BigInt(i) * 999_999_937_777n).toString());
    for (const ns of cases) {
      const l = util.Long.fromString(ns, true);
      expect([ns, nanosToMs(l)]).toEqual([ns, Number(BigInt(ns) / 1_000_000n)]);
    }
    expect(nanosToMs(util.Long.fromNumber(0, true))).toBeUndefined();
    expect(nanosToMs('1764144000123456789')).toBe(1764144000123);
  });
});
