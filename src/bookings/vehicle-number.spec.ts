import { normaliseVehicleNumber, VEHICLE_NUMBER_PATTERN } from './vehicle-number';

describe('normaliseVehicleNumber', () => {
  it.each([
    ['ka-01 ab 1234', 'KA01AB1234'],
    ['  mh 12  -- de 1433 ', 'MH12DE1433'],
    ['ABCD', 'ABCD'],
  ])('%p → %p', (raw, normalised) => {
    expect(normaliseVehicleNumber(raw)).toBe(normalised);
  });

  it.each(['ABC', 'ABCDEFGHIJKLM', 'AB_123', 'ÄBC123', 'AB.123'])('refuses %p after normalisation', (raw) => {
    expect(VEHICLE_NUMBER_PATTERN.test(normaliseVehicleNumber(raw))).toBe(false);
  });

  it('accepts 4 to 12 letters and digits', () => {
    expect(VEHICLE_NUMBER_PATTERN.test('AB12')).toBe(true);
    expect(VEHICLE_NUMBER_PATTERN.test('AB1234567890')).toBe(true);
  });
});
