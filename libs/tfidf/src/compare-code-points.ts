/**
 * Orders strings by Unicode code point, as Python's `sorted()` does. JavaScript's default
 * comparison works on UTF-16 units, which ranks astral characters (surrogates 0xD800–0xDFFF)
 * below BMP characters 0xE000–0xFFFF; lifting surrogate units above that range fixes it.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      return x - y;
    }
  }
  return a.length - b.length;
}
