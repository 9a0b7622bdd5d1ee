import { PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { EXPORT_JOB_ID } from './export-formats';

/** Route parameter pipe for export job ids (Bull's, not UUIDs): a malformed one is a 400, not a lookup. */
export const JobIdParam: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!EXPORT_JOB_ID.test(value)) {
      throw new DomainError('VALIDATION_FAILED', 'The job id must be a positive integer', [{ field: 'jobId', errors: ['jobId must be a positive integer'] }]);
    }
    return value;
  },
};
