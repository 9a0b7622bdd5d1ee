import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IntQuery } from './validation/validators';

export const MAX_PAGE_SIZE = 100;

/** `?page&pageSize` of every list (SPEC.md: page from 1, pageSize ≤ 100). */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page number, from 1', minimum: 1, default: 1 })
  @IsOptional()
  @IntQuery(1, 1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Items per page', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @IntQuery(1, MAX_PAGE_SIZE)
  pageSize: number = 20;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function toPage<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** A named page class for the OpenAPI spec, e.g. `PageOf(UserDto, 'UserPage')`. */
export function PageOf<T>(item: ClassType<T>, name: string): ClassType<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ description: 'The items of this page', type: item, isArray: true })
    items: T[];

    @ApiProperty({ description: 'Number of items over all pages' })
    total: number;

    @ApiProperty({ description: 'This page number, from 1' })
    page: number;

    @ApiProperty({ description: 'Items per page' })
    pageSize: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
