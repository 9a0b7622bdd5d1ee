import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../errors/error-body.dto';

export enum Role {
  User = 'user',
  Admin = 'admin',
}

export const ROLES = 'roles';

/** Restricts a route (or a whole controller) to the given roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}`, type: ErrorBodyDto }));
