import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { DomainError } from './errors/domain-error';
import { MAX_PAGE_SIZE, PageOf, PageQueryDto, toPage } from './pagination';
import { createValidationPipe } from './validation/validation.pipe';

const parse = (query: object): Promise<PageQueryDto> =>
  createValidationPipe().transform(query, { type: 'query', metatype: PageQueryDto });

class ThingDto {
  id: string;
}

describe('pagination', () => {
  it('defaults to page 1 of 20', async () => {
    const query = await parse({});
    expect(query).toBeInstanceOf(PageQueryDto);
    expect(query).toMatchObject({ page: 1, pageSize: 20, offset: 0 });
  });

  it('converts the query strings and computes the offset', async () => {
    expect(await parse({ page: '3', pageSize: '25' })).toMatchObject({ page: 3, pageSize: 25, offset: 50 });
    expect(await parse({ page: '2' })).toMatchObject({ page: 2, pageSize: 20, offset: 20 });
    expect(await parse({ pageSize: String(MAX_PAGE_SIZE) })).toMatchObject({ pageSize: 100 });
  });

  it.each([
    [{ pageSize: '101' }, 'pageSize'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ page: '0' }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ page: '1.5' }, 'page'],
  ])('refuses %j', async (query, field) => {
    const error = await parse(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field }] });
  });

  it('toPage echoes the page and size of the query', () => {
    expect(toPage(['a', 'b'], 12, { page: 2, pageSize: 2 })).toEqual({ items: ['a', 'b'], total: 12, page: 2, pageSize: 2 });
  });

  it('PageOf gives the class the given name and documents its items', () => {
    const ThingPage = PageOf(ThingDto, 'ThingPage');
    expect(ThingPage.name).toBe('ThingPage');
    expect(PageOf(ThingDto, 'OtherPage').name).toBe('OtherPage');
    const items = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, ThingPage.prototype, 'items');
    expect(items).toMatchObject({ type: ThingDto, isArray: true });
  });
});
