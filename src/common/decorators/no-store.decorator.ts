import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';

@Injectable()
class NoStoreInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return next.handle();
  }
}

/**
 * `Cache-Control: no-store` on every answer of a controller or route, errors included: answers that carry
 * tokens or secrets must not stay in a browser's or a proxy's cache (R-ROB-5).
 */
export const NoStore = () => UseInterceptors(NoStoreInterceptor);
