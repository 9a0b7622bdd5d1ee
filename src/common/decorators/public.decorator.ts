import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';

/** Operation extension read (and removed) by the spec writer, which gives such routes `security: []`. */
export const PUBLIC_EXTENSION = 'x-public';

/** Opens a route to callers without a token; every other route needs a valid access token. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
