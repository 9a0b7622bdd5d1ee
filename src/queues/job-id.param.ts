import { PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

/** A route parameter pipe for Bull job ids of one shape: a malformed id is a 400, never a Redis lookup. */
export function jobIdParam(shape: RegExp, rule: string): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!shape.test(value)) throw new DomainError('VALIDATION_FAILED', `The job id ${rule}`, [{ field: 'jobId', errors: [`jobId ${rule}`] }]);
      return value;
    },
  };
}
