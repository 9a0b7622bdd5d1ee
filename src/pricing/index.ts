/** Tariffs and the one pricing function (R-TARIFF-1..3): pure, no I/O. */
export * from './tariff';
export { isIanaTimeZone, tariffProblems } from './validation';
export { InvalidTariffError, priceStay, rateAt } from './price-stay';
export type { PricedSegment, PricedWindow, StayPrice } from './price-stay';
