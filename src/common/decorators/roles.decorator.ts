import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '../errors/api-errors.decorator';

export enum Role {
  User = 'user',
  Admin = 'admin',
}

export const ROLES = 'roles';

/** Restricts a route (or a whole controller) to the given roles; any other caller gets 403 FORBIDDEN. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiErrors('FORBIDDEN'));
