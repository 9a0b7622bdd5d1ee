/** Pause between polls while the outbox is drained: the most a message waits for the relay to see it. */
export const POLL_INTERVAL_MS = 200;
/** Messages handed to Bull in one poll (one transaction, one addBulk). */
export const BATCH_SIZE = 100;
/** The longest pause between attempts while Redis (or PostgreSQL) is unreachable. */
export const MAX_RETRY_DELAY_MS = 5000;

export interface AfterHandOver {
  delayMs: number;
  /** Set on the first success after failures: how long hand-overs failed, for the log. */
  recoveredAfterMs?: number;
}

export interface AfterFailure {
  delayMs: number;
  /** The first failure of a row: the outage is logged once, not at every poll. */
  outageStarted: boolean;
}

/**
 * When the relay polls next, and when an outage starts and ends, from what its polls did: at once again
 * after a full batch (more are waiting), after POLL_INTERVAL_MS otherwise, and with a doubling pause up to
 * MAX_RETRY_DELAY_MS while hand-overs fail.
 */
export class RelayPace {
  private failedPolls = 0;
  private failingSince = 0;

  handedOver(claimed: number, now: number): AfterHandOver {
    const recoveredAfterMs = this.failedPolls > 0 ? now - this.failingSince : undefined;
    this.failedPolls = 0;
    return { delayMs: claimed >= BATCH_SIZE ? 0 : POLL_INTERVAL_MS, recoveredAfterMs };
  }

  failed(now: number): AfterFailure {
    const outageStarted = this.failedPolls === 0;
    if (outageStarted) this.failingSince = now;
    this.failedPolls++;
    return { delayMs: Math.min(POLL_INTERVAL_MS * 2 ** this.failedPolls, MAX_RETRY_DELAY_MS), outageStarted };
  }
}
