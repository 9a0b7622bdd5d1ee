import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { BooleanQuery, IntQuery, isIsoDateTimeWithOffset, IsIsoDateTimeWithOffset, Trim, TrimLowerCase, UuidParam } from './validators';

class WhenDto {
  @IsIsoDateTimeWithOffset()
  at: unknown;
}

class FiltersDto {
  @IsOptional() @BooleanQuery()
  active?: boolean;

  @IsOptional() @IntQuery(1, 10)
  limit?: number;

  @IsOptional() @Trim()
  name?: string;

  @IsOptional() @TrimLowerCase()
  email?: string;
}

/** class-transformer then class-validator, as the pipe does: the converted value and the failed messages. */
function check<T extends object>(cls: new () => T, plain: object): { value: T; messages: string[] } {
  const value = plainToInstance(cls, plain);
  const messages = validateSync(value).flatMap((e) => Object.values(e.constraints ?? {}));
  return { value, messages };
}

describe('validators', () => {
  describe('IsIsoDateTimeWithOffset', () => {
    it.each([
      '2026-11-22T09:00:00Z',
      '2026-11-22T09:00:00+01:00',
      '2026-11-22T09:00:00-0530',
      '2026-11-22T09:00Z',
      '2026-11-22T09:00:00.5Z',
      '2026-11-22T09:00:00.123456+01:00',
    ])('accepts %j', (at) => {
      expect(check(WhenDto, { at }).messages).toEqual([]);
    });

    it.each([
      '2026-11-22T09:00:00',
      '2026-11-22',
      '2026-13-01T00:00:00Z',
      '2026-11-22T25:00:00Z',
      '2026-11-22T09:00:00+25:00',
      '2026-11-22T09:00:00.1234567Z',
      '2026-11-22 09:00:00Z',
      ' 2026-11-22T09:00:00Z',
      'garbage',
      '',
      1795338000000,
      null,
    ])('refuses %j', (at) => {
      expect(check(WhenDto, { at }).messages).toEqual([
        'at must be an ISO-8601 date-time with an offset, e.g. 2026-11-22T09:00:00+01:00',
      ]);
    });
  });

  describe('UuidParam', () => {
    const meta = { type: 'param' as const, data: 'id' };

    it('passes a valid UUID through', async () => {
      const id = '3f2b8c1e-9d4a-4f6b-8e2a-1c5d7b9e0a12';
      await expect(UuidParam.transform(id, meta)).resolves.toBe(id);
    });

    it.each(['not-a-uuid', '3f2b8c1e-9d4a-4f6b-8e2a-1c5d7b9e0a1', ''])('refuses %j with VALIDATION_FAILED', async (id) => {
      const error = await UuidParam.transform(id, meta).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
        details: [{ field: 'id', errors: ['id must be a UUID'] }],
      });
    });
  });

  describe('BooleanQuery', () => {
    it.each([
      ['true', true],
      ['false', false],
    ])('converts %j to %p', (active, expected) => {
      const { value, messages } = check(FiltersDto, { active });
      expect(messages).toEqual([]);
      expect(value.active).toBe(expected);
    });

    it.each(['yes', '1', 'TRUE', ''])('refuses %j', (active) => {
      expect(check(FiltersDto, { active }).messages).toEqual(['active must be true or false']);
    });
  });

  describe('IntQuery', () => {
    it.each([
      ['1', 1],
      ['10', 10],
      ['7', 7],
    ])('converts %j to %d', (limit, expected) => {
      const { value, messages } = check(FiltersDto, { limit });
      expect(messages).toEqual([]);
      expect(value.limit).toBe(expected);
    });

    it.each([
      ['0', 'limit must not be less than 1'],
      ['11', 'limit must not be greater than 10'],
      ['2.5', 'limit must be an integer number'],
      ['abc', 'limit must be an integer number'],
    ])('refuses %j', (limit, message) => {
      expect(check(FiltersDto, { limit }).messages).toContain(message);
    });
  });

  it('Trim and TrimLowerCase normalise strings and leave other values alone', () => {
    expect(check(FiltersDto, { name: '  Ada L. ', email: ' Ada@Example.COM ' }).value).toMatchObject({
      name: 'Ada L.',
      email: 'ada@example.com',
    });
    expect(check(FiltersDto, { name: 5 }).value.name).toBe(5);
  });
});

describe('isIsoDateTimeWithOffset calendar checks', () => {
  it.each(['2026-02-30T00:00:00Z', '2026-04-31T10:00:00+02:00', '2026-02-29T10:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22T10:60:00Z'])(
    'refuses %s, which is not a real date and time',
    (value) => {
      expect(isIsoDateTimeWithOffset(value)).toBe(false);
    },
  );

  it('accepts a leap day in a leap year', () => {
    expect(isIsoDateTimeWithOffset('2028-02-29T23:59:59.999+05:30')).toBe(true);
  });
});
