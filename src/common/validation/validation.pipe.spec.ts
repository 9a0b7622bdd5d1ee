import { ValidationError } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

class AddressDto {
  @IsString()
  city: string;
}

class PersonDto {
  @IsString()
  @Length(1, 5)
  name: string;

  @IsInt()
  age: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

async function rejection(body: unknown): Promise<DomainError> {
  const error = await createValidationPipe()
    .transform(body, { type: 'body', metatype: PersonDto })
    .then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const valid = { name: 'Ada', age: 36, address: { city: 'London' } };

describe('validation pipe', () => {
  it('flattenValidationErrors names nested fields with dots', () => {
    const errors = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'address',
        constraints: { custom: 'address is odd' },
        children: [
          { property: 'city', constraints: { a: 'city is bad', b: 'city is short' }, children: [] },
          { property: 'geo', children: [{ property: 'lat', constraints: { max: 'lat must not be greater than 90' } }] },
        ],
      },
    ] as ValidationError[];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', errors: ['name must be a string'] },
      { field: 'address', errors: ['address is odd'] },
      { field: 'address.city', errors: ['city is bad', 'city is short'] },
      { field: 'address.geo.lat', errors: ['lat must not be greater than 90'] },
    ]);
    expect(flattenValidationErrors([])).toEqual([]);
  });

  it('returns a DTO instance for a valid body', async () => {
    const value = await createValidationPipe().transform(valid, { type: 'body', metatype: PersonDto });
    expect(value).toBeInstanceOf(PersonDto);
    expect(value.address).toBeInstanceOf(AddressDto);
    expect(value).toEqual(valid);
  });

  it('refuses unknown fields, also nested ones', async () => {
    const error = await rejection({ ...valid, role: 'admin', address: { city: 'London', zip: 'N1' } });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.details).toHaveLength(2);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'address.zip', errors: ['property zip should not exist'] },
        { field: 'role', errors: ['property role should not exist'] },
      ]),
    );
  });

  it('lists every invalid field with all its errors and does not convert types', async () => {
    const error = await rejection({ name: 42, age: '36', address: { city: 7 } });
    expect(error.details).toEqual([
      { field: 'name', errors: expect.arrayContaining(['name must be a string', expect.stringMatching(/^name must be longer/)]) },
      { field: 'age', errors: ['age must be an integer number'] },
      { field: 'address.city', errors: ['city must be a string'] },
    ]);
    expect(error.message).toMatch(/^Invalid input — name: name must .*; age: age must be an integer number; address\.city: city must be a string$/);
  });
});

class PageQuery {
  @IsInt()
  @Type(() => Number)
  page = 1;

  @IsOptional()
  @IsString()
  @Length(0, 10)
  search?: string;

  get offset(): number {
    return (this.page - 1) * 10;
  }
}

describe('validation pipe, input no DTO should see (R-ROB-1)', () => {
  it('refuses a NUL byte in a nested string, naming the field', async () => {
    const error = await rejection({ ...valid, address: { city: 'Lon\u0000don' } });
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'address.city', errors: [expect.stringContaining('NUL')] }] });
  });

  it('refuses a NUL byte in a query parameter before remembering the query', async () => {
    const pipe = createValidationPipe();
    const metadata = { type: 'query' as const, metatype: AddressDto };
    await expect(pipe.transform({ city: 'a\u0000' }, metadata)).rejects.toMatchObject({ details: [{ field: 'city' }] });
    await expect(pipe.transform({ city: 'a\u0000' }, metadata)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses thousands of nested levels with a 400, before class-transformer recurses into them', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const error = await rejection({ ...valid, name: deep });
    expect(error.details).toEqual([{ field: expect.stringMatching(/^name(\.0)+$/), errors: [expect.stringContaining('nested deeper')] }]);
  });
});

describe('validation pipe, query strings seen before', () => {
  const query = { type: 'query' as const, metatype: PageQuery };

  it('gives each caller its own instance, with the same fields as the first validation', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ page: '3', search: 'dom' }, query);
    first.page = 99; // a caller changing its copy must not change what the next one gets
    const again = await pipe.transform({ page: '3', search: 'dom' }, query);
    expect(again).toBeInstanceOf(PageQuery);
    expect(again).not.toBe(first);
    expect(again).toEqual(Object.assign(new PageQuery(), { page: 3, search: 'dom' }));
    expect(again.offset).toBe(20);
  });

  it('skips class-validator for a repeated query, and not for a new one', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(pipe as unknown as { validate: (...args: unknown[]) => unknown }, 'validate');
    await pipe.transform({}, query);
    await pipe.transform({}, query);
    expect(validate).toHaveBeenCalledTimes(1);
    await pipe.transform({ page: '2' }, query);
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it('refuses an invalid query every time', async () => {
    const pipe = createValidationPipe();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(pipe.transform({ page: 'x' }, query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(pipe.transform({ search: 'far too long a search' }, query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('validates bodies and non-flat queries in full each time', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(pipe as unknown as { validate: (...args: unknown[]) => unknown }, 'validate');
    await pipe.transform(valid, { type: 'body', metatype: PersonDto });
    await pipe.transform(valid, { type: 'body', metatype: PersonDto });
    await expect(pipe.transform({ page: ['1', '2'] }, query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(pipe.transform({ page: ['1', '2'] }, query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(validate).toHaveBeenCalledTimes(4);
  });
});
