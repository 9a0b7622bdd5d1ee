import { BATCH_SIZE, MAX_RETRY_DELAY_MS, POLL_INTERVAL_MS, RelayPace } from './relay-pace';

describe('RelayPace', () => {
  it('polls again at once after a full batch, after the interval otherwise', () => {
    const pace = new RelayPace();
    expect(pace.handedOver(BATCH_SIZE, 0)).toEqual({ delayMs: 0, recoveredAfterMs: undefined });
    expect(pace.handedOver(BATCH_SIZE - 1, 0).delayMs).toBe(POLL_INTERVAL_MS);
    expect(pace.handedOver(0, 0).delayMs).toBe(POLL_INTERVAL_MS);
  });

  it('doubles the pause while hand-overs fail, up to the maximum', () => {
    const pace = new RelayPace();
    const delays = Array.from({ length: 8 }, (_, i) => pace.failed(i).delayMs);
    expect(delays).toEqual([400, 800, 1600, 3200, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS]);
  });

  it('reports an outage once when it starts and once when it ends, with its length', () => {
    const pace = new RelayPace();
    expect(pace.failed(1_000).outageStarted).toBe(true);
    expect(pace.failed(2_000).outageStarted).toBe(false);
    expect(pace.failed(3_000).outageStarted).toBe(false);
    expect(pace.handedOver(5, 7_500)).toEqual({ delayMs: POLL_INTERVAL_MS, recoveredAfterMs: 6_500 });
    expect(pace.handedOver(5, 8_000).recoveredAfterMs).toBeUndefined();
  });

  it('starts the backoff and the outage afresh after a recovery', () => {
    const pace = new RelayPace();
    pace.failed(0);
    pace.failed(1);
    pace.handedOver(0, 2);
    expect(pace.failed(10)).toEqual({ delayMs: 2 * POLL_INTERVAL_MS, outageStarted: true });
    expect(pace.handedOver(0, 40).recoveredAfterMs).toBe(30);
  });
});
