import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role, Roles } from '../decorators/roles.decorator';
import { DomainError } from '../errors/domain-error';
import { RolesGuard } from './roles.guard';

class OpenController {
  list() {}
}

@Roles(Role.Admin)
class AdminController {
  list() {}

  @Roles(Role.User, Role.Admin)
  mine() {}
}

@Roles(Role.User, Role.Admin)
class LotsController {
  @Roles(Role.Admin)
  remove() {}
}

function context(controller: new () => object, handler: string, user?: { id: string; role: Role }): ExecutionContext {
  return {
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const user = { id: 'u1', role: Role.User };
  const admin = { id: 'a1', role: Role.Admin };

  it('allows anyone when the route has no roles', () => {
    expect(guard.canActivate(context(OpenController, 'list', user))).toBe(true);
    expect(guard.canActivate(context(OpenController, 'list'))).toBe(true);
  });

  it('refuses a user on an admin route with FORBIDDEN', () => {
    expect(() => guard.canActivate(context(AdminController, 'list', user))).toThrow(DomainError);
    expect(() => guard.canActivate(context(AdminController, 'list', user))).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
  });

  it('refuses a request without a user on an admin route', () => {
    expect(() => guard.canActivate(context(AdminController, 'list'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('allows an admin on an admin route', () => {
    expect(guard.canActivate(context(AdminController, 'list', admin))).toBe(true);
  });

  it('lets the roles of a handler override those of its controller', () => {
    expect(guard.canActivate(context(AdminController, 'mine', user))).toBe(true);
    expect(guard.canActivate(context(LotsController, 'remove', admin))).toBe(true);
    expect(() => guard.canActivate(context(LotsController, 'remove', user))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
