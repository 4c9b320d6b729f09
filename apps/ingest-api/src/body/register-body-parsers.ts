import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isUtf8 } from 'node:buffer';
import { PassThrough, Transform } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { BadCompressionProblem, InvalidUtf8Problem, UnsupportedEncodingProblem } from './body.problems';
import { parseJsonBody } from './parse-json-body';
import { parseNdjson } from './parse-ndjson';

/**
 * ingest-api's own body handling: JSON and NDJSON (also NDJSON sent as `application/json`, see
 * {@link parseJsonBody}), checked to be UTF-8, parsed without prototype poisoning; gzip/deflate
 * bodies decoded with the body limit applied to the decoded size, so a decompression bomb stops
 * at the limit with 413. Protobuf bodies (OTLP, Loki push) reach their route's decoder as a Buffer.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding === 'identity' || encoding === '') return payload;
    let decoder: Transform;
    if (encoding === 'gzip' || encoding === 'x-gzip') decoder = createGunzip();
    else if (encoding === 'deflate') decoder = createInflate();
    else throw new UnsupportedEncodingProblem(encoding);
    let encoded = 0;
    payload.on('data', (c: Buffer) => (encoded += c.length));
    // Fastify reads `out`; a zlib failure reaches it as our typed 400, not zlib's bare error.
    const out = new PassThrough() as PassThrough & { receivedEncodedLength?: number };
    decoder.on('error', (err) => out.destroy(new BadCompressionProblem(err.message)));
    // Fastify listens on `out` only once it reads the body: where it answers first (415, no parser for
    // the type), zlib's error would be an unhandled 'error' event and end the process.
    out.on('error', () => undefined);
    payload.pipe(decoder).pipe(out);
    // Fastify checks Content-Length against the bytes that arrived, not the decoded ones.
    Object.defineProperty(out, 'receivedEncodedLength', { get: () => encoded });
    return out;
  });
  const decode = (body: Buffer): string => {
    if (!isUtf8(body)) throw new InvalidUtf8Problem();
    return body.toString('utf8');
  };
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const text = decode(body as Buffer);
      done(null, wantsText(req.routeOptions?.config) ? text : parseJsonBody(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  fastify.addContentTypeParser('application/x-ndjson', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const text = decode(body as Buffer);
      done(null, wantsText(req.routeOptions?.config) ? text : parseNdjson(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Each protocol's decoder owns its framing (Loki's snappy block, OTLP's messages), so the parser only hands the bytes on.
  fastify.addContentTypeParser(PROTOBUF_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/**
 * Whether a route takes its JSON/NDJSON body as checked UTF-8 text rather than parsed (route config
 * `bodyAsText: true`): Elasticsearch's bulk pairs action and source lines itself, and a bad source
 * line fails only its item.
 */
export function wantsText(config: unknown): boolean {
  return (config as { bodyAsText?: boolean } | undefined)?.bodyAsText === true;
}

/** The content types of protobuf bodies, passed to decoders as raw bytes. */
export const PROTOBUF_TYPES = ['application/x-protobuf', 'application/protobuf'];
