import { toApiProblem } from '../../core/errors/api-problem';
import { httpError } from '../../../testing/api-fixtures';
import { bookingRefusal, parkNowCount } from './park-now';

describe('park now in words', () => {
  it('counts the spots park now can take', () => {
    expect(parkNowCount(0)).toBe('No spot free to park now');
    expect(parkNowCount(1)).toBe('1 spot free to park now');
    expect(parkNowCount(3)).toBe('3 spots free to park now');
  });

  it('reads when the next spot frees from a LOT_FULL answer, when the API knows it', () => {
    const full = (details?: unknown) =>
      bookingRefusal(toApiProblem(httpError(409, 'LOT_FULL', 'No spot is free', details)));
    expect(full({ nextFreeAt: '2026-11-23T15:45:00.000Z' })).toEqual({
      reason: 'full',
      nextFreeAt: new Date('2026-11-23T15:45:00.000Z'),
    });
    expect(full()).toEqual({ reason: 'full', nextFreeAt: null });
    expect(full({ nextFreeAt: 'soon' })).toEqual({ reason: 'full', nextFreeAt: null });
  });

  it("knows the driver's limit, and leaves every other refusal to the API's message", () => {
    const refusal = (code: string) => bookingRefusal(toApiProblem(httpError(409, code, 'No')));
    expect(refusal('BOOKING_LIMIT_REACHED')).toEqual({ reason: 'limit' });
    expect(refusal('VEHICLE_BUSY')).toBeNull();
    expect(refusal('NO_SPOT_AVAILABLE')).toBeNull();
  });
});
