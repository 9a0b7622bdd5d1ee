import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { Role } from '../common/decorators/roles.decorator';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { DomainError } from '../common/errors/domain-error';
import { DisabledUsersStore } from '../users/disabled-users.store';
import { ALL_QUEUES } from './queue-names';

export const DASHBOARD_PATH = '/api/admin/queues';
export const DASHBOARD_COOKIE = 'queues_session';
export const DASHBOARD_AUDIENCE = 'queue-dashboard';

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  const pair = header.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

/**
 * A browser opening the dashboard sends no Authorization header, so it presents the dashboard cookie
 * (made by POST /api/admin/queues/session for a signed-in admin); API clients may send the bearer token.
 */
function adminOnly(jwt: JwtService, disabledUsers: DisabledUsersStore) {
  return async (request: Request, response: Response, next: NextFunction) => {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    const cookie = cookieValue(request, DASHBOARD_COOKIE);
    try {
      const claims = cookie
        ? await jwt.verifyAsync<{ sub: string; role: Role }>(cookie, { audience: DASHBOARD_AUDIENCE })
        : await jwt.verifyAsync<{ sub: string; role: Role }>(bearer ?? '');
      if (claims.role !== Role.Admin) throw new DomainError('FORBIDDEN');
      if (disabledUsers.isDisabled(claims.sub)) throw new DomainError('ACCOUNT_DISABLED');
      next();
    } catch (error) {
      const { body } = toErrorBody(error instanceof DomainError ? error : new DomainError('UNAUTHORIZED', 'Sign in as an admin to open the queue dashboard'));
      response.status(body.statusCode).json(body);
    }
  };
}

/** Mounts bull-board (R-OPS-5) for every queue of the product, behind the admin check. */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Parking queues' } },
  });
  app.use(DASHBOARD_PATH, adminOnly(app.get(JwtService, { strict: false }), app.get(DisabledUsersStore, { strict: false })), serverAdapter.getRouter());
}
