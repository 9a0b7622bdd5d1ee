import { Pipe, PipeTransform } from '@angular/core';

/** Minor units (`…Cents`, R-PRICE-1) in the API's currency, formatted for the user's locale. */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(cents: number | null | undefined, currency = 'USD'): string {
    if (cents === null || cents === undefined) return '—';
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
  }
}
