import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import type { Queue } from 'bull';
import { AdminPage, AdminPageSessions } from '../common/guards/admin-page-sessions';
import { EVERY_QUEUE } from './queues.module';

/**
 * A browser opening the dashboard sends no Authorization header, so it presents the dashboard's cookie
 * (made by POST /api/admin/queue-dashboard/session for a signed-in admin); API clients may send the bearer token.
 */
export const QUEUE_DASHBOARD: AdminPage = { path: '/api/admin/queues', cookie: 'queues_session' };

/** Mounts bull-board (R-OPS-5) for every queue of the product, behind the admin check. */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD.path);
  createBullBoard({
    queues: app.get<Queue[]>(EVERY_QUEUE, { strict: false }).map((queue) => new BullAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Parking queues' } },
  });
  const sessions = app.get(AdminPageSessions, { strict: false });
  app.use(QUEUE_DASHBOARD.path, sessions.guard(QUEUE_DASHBOARD), serverAdapter.getRouter());
}
