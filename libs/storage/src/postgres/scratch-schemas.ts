import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Throw-away PostgreSQL schemas for tests and benches on a real server: `next()` names a fresh one
 * (the store creates it on open), `dropAll()` removes every one named so far.
 */
export class ScratchSchemas {
  private readonly names: string[] = [];

  constructor(private readonly url: string, private readonly prefix = 'test') {}

  next(): string {
    const s = `${this.prefix}_${randomUUID().replace(/-/g, '')}`;
    this.names.push(s);
    return s;
  }

  async dropAll(): Promise<void> {
    if (this.names.length === 0) return;
    const c = new Client({ connectionString: this.url });
    await c.connect();
    try {
      for (const s of this.names.splice(0)) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    } finally {
      await c.end();
    }
  }
}
