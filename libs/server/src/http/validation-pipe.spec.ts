import { IsString } from 'class-validator';
import { createValidationPipe, nestedDeeperThan } from './validation-pipe';
import { ValidationFailedProblem } from './validation-failed.problem';

class NoteDto {
  @IsString()
  note!: string;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const deep = (n: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
    return v;
  };

  it('nestedDeeperThan counts levels of objects and arrays, without recursion', () => {
    expect(nestedDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestedDeeperThan({ a: { b: 1 } }, 1)).toBe(true);
    expect(nestedDeeperThan(deep(32), 32)).toBe(false);
    expect(nestedDeeperThan(deep(33), 32)).toBe(true);
    expect(nestedDeeperThan(deep(200_000), 32)).toBe(true);
    expect(nestedDeeperThan('x', 0)).toBe(false);
  });

  // Found by the route fuzzer: class-transformer copied 20,000 levels of an unknown key and overflowed the stack (a 500).
  it('a body nested 100,000 deep is a typed 400, not a stack overflow', async () => {
    const err = await pipe.transform({ note: 'n', x: deep(100_000) }, { type: 'body', metatype: NoteDto }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedProblem);
    expect((err as ValidationFailedProblem).message).toContain('at most 32 levels deep');
    await expect(pipe.transform({ note: 'n', x: deep(10) }, { type: 'body', metatype: NoteDto })).resolves.toBeInstanceOf(NoteDto);
  });
});
