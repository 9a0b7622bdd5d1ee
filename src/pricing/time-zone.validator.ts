import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIanaTimeZone } from './validation';

/**
 * A request field naming a time zone: the same rule for a lot, a tariff and an export, so that a zone
 * accepted anywhere can be priced everywhere (Intl would also take "europe/berlin" or "+05:30").
 */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: { validate: isIanaTimeZone, defaultMessage: () => '$property must be an IANA time zone such as Europe/Berlin' },
    },
    options,
  );
}
