import { Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

/** How long a request waits for Redis before giving up: with Redis down, Bull would wait for it to come back. */
export const QUEUE_TIMEOUT_MS = 2000;

/**
 * A queue call bounded in time: rejects with "Redis did not answer" once `timeoutMs` has passed. When the
 * timeout wins, the call may still fail later: that is expected, not an unhandled rejection.
 */
export async function withinQueueTimeout<T>(call: Promise<T>, timeoutMs = QUEUE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer in ${timeoutMs} ms`)), timeoutMs);
  });
  call.catch(() => undefined);
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const logger = new Logger('Queues');

/** A queue call on behalf of a request: when Redis does not answer in time, a 503 rather than a hang. */
export async function queueCallFromRequest<T>(call: Promise<T>): Promise<T> {
  try {
    return await withinQueueTimeout(call);
  } catch (error) {
    logger.warn(`Queue call failed: ${(error as Error).message}`);
    throw new DomainError('SERVICE_UNAVAILABLE', 'The job queue is not reachable; try again later');
  }
}
