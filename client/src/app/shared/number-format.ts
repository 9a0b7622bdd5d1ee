import { Pipe, PipeTransform } from '@angular/core';

// Counts and measures in the user's locale, thousands separated (12345 → "12,345" in en-US), the way
// MoneyPipe writes amounts: one place decides how a figure reads, on the page and in chart summaries.

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, options);
    formats.set(key, format);
  }
  return format;
}

/** A figure with at most `fractionDigits` decimals (none by default: counts). */
export function formatFigure(value: number, fractionDigits = 0): string {
  return numberFormat({ maximumFractionDigits: fractionDigits }).format(value);
}

/** `part` of `whole` as a whole percentage in the user's locale ("33%"); nothing of nothing is 0 %. */
export function formatShare(part: number, whole: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(
    whole ? part / whole : 0,
  );
}

/** `{{ count | figure }}`, `{{ average | figure: 1 }}`: see formatFigure. */
@Pipe({ name: 'figure' })
export class FigurePipe implements PipeTransform {
  transform(value: number | null | undefined, fractionDigits = 0): string {
    return value === null || value === undefined ? '—' : formatFigure(value, fractionDigits);
  }
}
