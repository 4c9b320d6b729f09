/**
 * Incremental 32-bit FNV-1a over UTF-16 code units: a cheap, stable fingerprint for model
 * versions (not a cryptographic hash).
 */
export class Fnv1a {
  private h = 0x811c9dc5;

  update(text: string): this {
    let h = this.h;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    this.h = h;
    return this;
  }

  /** 8 lowercase hex digits. */
  hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}
