import type Handlebars from 'handlebars';

export interface MailFormat {
  currency: string;
  timeZone: string;
}

const LOCALE = 'en-US';

/** Registers the formatting helpers of the mail templates on a private Handlebars instance. */
export function registerMailHelpers(handlebars: typeof Handlebars, format: MailFormat): void {
  const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: format.currency });
  // Amounts are integers in the currency's minor unit (cents), which is not always 1/100 (e.g. JPY).
  const minorUnits = 10 ** (money.resolvedOptions().maximumFractionDigits ?? 2);
  const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: format.timeZone });

  handlebars.registerHelper('money', (cents: number) => money.format(cents / minorUnits));
  handlebars.registerHelper('dateTime', (value: Date | string) => dateTime.format(new Date(value)));
}
