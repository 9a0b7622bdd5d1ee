import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { DomainError } from '../common/errors/domain-error';
import { AdminPage, AdminPageSessions } from '../common/guards/admin-page-sessions';
import { DisabledUsersStore } from '../users/disabled-users.store';

const SESSION_SECONDS = 15 * 60;

/** A page's cookie carries this audience, so it is neither an access token nor another page's session. */
const audienceOf = (page: AdminPage) => `admin-page:${page.path}`;

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  const pair = header.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

/** Page sessions as JWTs signed with the access tokens' key, checked against deactivated accounts like them. */
@Injectable()
export class JwtAdminPageSessions extends AdminPageSessions {
  constructor(
    private readonly jwt: JwtService,
    private readonly disabledUsers: DisabledUsersStore,
  ) {
    super();
  }

  async open(admin: AuthUser, page: AdminPage, response: Response): Promise<void> {
    const token = await this.jwt.signAsync({ sub: admin.id, role: admin.role }, { audience: audienceOf(page), expiresIn: SESSION_SECONDS });
    response.cookie(page.cookie, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: response.req.secure,
      path: page.path,
      maxAge: SESSION_SECONDS * 1000,
    });
  }

  guard(page: AdminPage): RequestHandler {
    return async (request: Request, response: Response, next: NextFunction) => {
      const bearer = request.headers.authorization?.replace(/^Bearer /, '');
      const cookie = cookieValue(request, page.cookie);
      try {
        const claims = cookie
          ? await this.jwt.verifyAsync<{ sub: string; role: Role }>(cookie, { audience: audienceOf(page) })
          : await this.jwt.verifyAsync<{ sub: string; role: Role }>(bearer ?? '');
        if (claims.role !== Role.Admin) throw new DomainError('FORBIDDEN');
        if (this.disabledUsers.isDisabled(claims.sub)) throw new DomainError('ACCOUNT_DISABLED');
        next();
      } catch (error) {
        const { body } = toErrorBody(error instanceof DomainError ? error : new DomainError('UNAUTHORIZED', 'Sign in as an admin to open this page'));
        response.status(body.statusCode).json(body);
      }
    };
  }
}
