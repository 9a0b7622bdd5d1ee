import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Public } from './common/decorators/public.decorator';
import { Role, Roles } from './common/decorators/roles.decorator';
import { ApiErrors, ApiNoStorage } from './common/errors/api-errors.decorator';
import { buildOpenApiDocument } from './openapi';

class ThingDto {
  @ApiProperty()
  name: string;
}

class ProbeDto {
  @ApiProperty()
  status: string;
}

@Controller('things')
class ThingsController {
  @Get(':id')
  @ApiOkResponse({ type: ThingDto })
  @ApiErrors('NOT_FOUND')
  getThing(@Param('id') id: string) {
    return { name: id };
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ThingDto })
  @ApiErrors('LOT_NAME_TAKEN', 'LOT_ARCHIVED')
  createThing(@Body() body: ThingDto) {
    return body;
  }

  @Get(':id/file')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors('NOT_FOUND', 'EXPORT_EXPIRED')
  downloadThing(): StreamableFile {
    return new StreamableFile(Buffer.from('a,b'));
  }

  @Public()
  @Post('sign-in')
  @ApiOkResponse({ type: ThingDto })
  @ApiErrors('INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED')
  signIn(@Body() body: ThingDto) {
    return body;
  }

  @Public()
  @Get('probe')
  @ApiNoStorage()
  @ApiOkResponse({ type: ProbeDto })
  probe() {
    return { status: 'ok' };
  }

  @Public()
  @Get('report')
  @ApiOkResponse({ type: ProbeDto })
  @ApiServiceUnavailableResponse({ type: ProbeDto, description: 'down' })
  report() {
    return { status: 'ok' };
  }
}

type Codes = Record<string, string[]>;

/** Each error status of an operation with the codes its schema allows. */
function errorCodes(operation: OperationObject): Codes {
  const codes: Codes = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const schema = (response as ResponseObject).content?.['application/json']?.schema as { allOf?: { properties?: { code?: { enum: string[] } } }[] } | undefined;
    const narrowed = schema?.allOf?.[1]?.properties?.code?.enum;
    if (narrowed) codes[status] = narrowed;
  }
  return codes;
}

describe('buildOpenApiDocument', () => {
  let paths: Record<string, Record<string, OperationObject>>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    paths = buildOpenApiDocument(app).paths as unknown as typeof paths;
    await app.close();
  });

  it('gives a route the statuses of its own codes, and what every authenticated route with input answers', () => {
    const operation = paths['/things/{id}'].get;
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(errorCodes(operation)).toEqual({
      '400': ['VALIDATION_FAILED'],
      '401': ['UNAUTHORIZED'],
      '403': ['ACCOUNT_DISABLED'],
      '404': ['NOT_FOUND'],
      '503': ['SERVICE_UNAVAILABLE'],
    });
    expect(operation.responses['304']).toEqual({ description: expect.stringContaining('If-None-Match') });
  });

  it('merges the role check and the JSON body into the route’s statuses', () => {
    const operation = paths['/things'].post;
    expect(errorCodes(operation)).toEqual({
      '400': ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      '401': ['UNAUTHORIZED'],
      '403': ['FORBIDDEN', 'ACCOUNT_DISABLED'],
      '409': ['LOT_NAME_TAKEN', 'LOT_ARCHIVED'],
      '413': ['PAYLOAD_TOO_LARGE'],
      '415': ['UNSUPPORTED_MEDIA_TYPE'],
      '503': ['SERVICE_UNAVAILABLE'],
    });
    expect((operation.responses['409'] as ResponseObject).description).toBe(
      '`LOT_NAME_TAKEN`: A lot with this name already exists; `LOT_ARCHIVED`: This lot is archived',
    );
    expect(operation.responses['304']).toBeUndefined();
  });

  it('documents errors as JSON on a route that produces files', () => {
    const operation = paths['/things/{id}/file'].get;
    expect(Object.keys((operation.responses['404'] as ResponseObject).content!)).toEqual(['application/json']);
    expect(Object.keys((operation.responses['410'] as ResponseObject).content!)).toEqual(['application/json']);
    expect(Object.keys((operation.responses['200'] as ResponseObject).content!)).toEqual(['text/csv']);
    expect(operation.responses['304']).toBeUndefined();
  });

  it('gives a public route `security: []` and no 401, and a rate-limited answer its Retry-After', () => {
    const operation = paths['/things/sign-in'].post;
    expect(operation.security).toEqual([]);
    expect(errorCodes(operation)).toMatchObject({ '401': ['INVALID_CREDENTIALS'], '403': ['ACCOUNT_DISABLED'], '429': ['RATE_LIMITED'] });
    expect((operation.responses['429'] as ResponseObject).headers).toHaveProperty('Retry-After');
  });

  it('leaves out 503 where the route needs no storage, and keeps a route’s own 503 body', () => {
    expect(Object.keys(paths['/things/probe'].get.responses).sort()).toEqual(['200', '304']);
    expect(paths['/things/probe'].get).not.toHaveProperty('x-no-storage');
    expect(paths['/things/probe'].get).not.toHaveProperty('x-public');
    const report = paths['/things/report'].get.responses['503'] as ResponseObject;
    expect(report.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ProbeDto' });
  });
});
