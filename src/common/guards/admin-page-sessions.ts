import type { RequestHandler, Response } from 'express';
import { AuthUser } from '../decorators/current-user.decorator';

/** An admin page that a browser opens by navigating to it: the path it lives under and its session cookie. */
export interface AdminPage {
  path: string;
  cookie: string;
}

/**
 * Sessions for admin pages a browser opens without an Authorization header (the queue dashboard): a
 * short-lived cookie valid under the page's path only. The auth module provides it; it is declared here so
 * that the code mounting such a page depends on no feature module.
 */
export abstract class AdminPageSessions {
  /** Sets the page's cookie on the response, letting this admin's browser open the page for a while. */
  abstract open(admin: AuthUser, page: AdminPage, response: Response): Promise<void>;

  /**
   * Express middleware in front of the page: lets through an active admin presenting the page's cookie or
   * a bearer access token, and answers anyone else with the error body.
   */
  abstract guard(page: AdminPage): RequestHandler;
}
