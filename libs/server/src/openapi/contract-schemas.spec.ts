import { LOG_LEVELS } from '@logad/contracts';
import { contractSchemas } from './contract-schemas';

type S = { type?: string; required?: string[]; enum?: unknown[]; pattern?: string; oneOf?: S[]; items?: S; $ref?: string; properties?: Record<string, S> };

describe('contractSchemas', () => {
  const schemas = contractSchemas() as Record<string, S>;

  it('describes CreateLogDto with the rules the API applies', () => {
    const log = schemas.CreateLogDto;
    expect(log.required).toEqual(['message']);
    const p = log.properties ?? {};
    expect(p.message).toMatchObject({ type: 'string', minLength: 1 });
    expect(new RegExp(p.message.pattern ?? '').test('a\u0000b')).toBe(false);
    expect(new RegExp(p.message.pattern ?? '').test('line one\nline two\t"quoted"')).toBe(true);
    expect(p.level.enum).toEqual([...LOG_LEVELS]);
    expect(p.timestamp.oneOf).toEqual([
      expect.objectContaining({ type: 'string', format: 'date-time' }),
      expect.objectContaining({ type: 'integer', minimum: 0 }),
    ]);
    expect(new RegExp(p.source.pattern ?? '').test('auth-service')).toBe(true);
    expect(new RegExp(p.source.pattern ?? '').test('auth\nservice')).toBe(false);
    expect(p.id.pattern).toBe('^[A-Za-z0-9._:-]+$');
    expect(p.attributes.type).toBe('object');
  });

  it("describes ml-api's DTOs, following nested ones by reference", () => {
    expect(schemas.PredictDto.required).toEqual(['message']);
    expect(schemas.PredictBatchDto.properties?.levels).toMatchObject({ type: 'array', items: { type: 'string', nullable: true } });
    expect(schemas.PredictSessionsDto.properties?.sessions.items).toEqual({ $ref: '#/components/schemas/SessionInputDto' });
    expect(schemas.SessionInputDto.required).toEqual(['key', 'messages']);
  });

  it('returns fresh objects each call (callers may edit them)', () => {
    const a = contractSchemas() as Record<string, S>;
    (a.CreateLogDto.properties ?? {}).level.enum?.push('LOUD');
    expect((contractSchemas() as Record<string, S>).CreateLogDto.properties?.level.enum).toEqual([...LOG_LEVELS]);
  });
});
