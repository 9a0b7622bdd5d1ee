/**
 * The one definition of "which spot holds which booking when" (R-OCC-1..3, R-BOOK-1, R-BOOK-2, R-SPOT-1).
 * Allocation, availability, spot status, the lot counts, the analytics and the re-seats all compose these
 * fragments, so they cannot disagree. Every "now" is a parameter (the injected clock), never SQL now().
 *
 * A booking's `period` is the time it plans to hold its spot (exclusion constraints keep planned periods
 * apart). A car can stay past it: an active booking whose period has ended by now overstays, and its spot
 * is then taken for every window from now on, whatever was planned after it.
 *
 * Arguments are SQL expressions: a table alias (`b`, `s`) or a placeholder (`$1`).
 */

/** Bookings that hold or will hold their spot: the rows of bookings_live_lot_idx / bookings_live_spot_idx. */
export const LIVE = (b: string) => `${b}.status IN ('reserved', 'active')`;

/** R-OCC-2: the car is still there after the period it planned (a reservation's window, a park-now's `mustLeaveBy`). */
export const OVERSTAYS = (b: string, now: string) => `(${b}.status = 'active' AND upper(${b}.period) < ${now})`;

/**
 * R-SPOT-2, R-LOT-4: booking `b` keeps its spot in use at `now`: a car is on it (overstaying or not), or it is
 * a reservation whose window has not ended. A reservation whose window is over holds nothing (the expiry job
 * closes it). A spot with such a booking cannot go out of service (SPOT_IN_USE) and its lot cannot be
 * archived (LOT_IN_USE). A subset of LIVE, so spotHoldersSql's pass over the live bookings sees every one.
 */
export const KEEPS_SPOT_IN_USE = (b: string, now: string) => `(${LIVE(b)} AND (${b}.status = 'active' OR upper(${b}.period) > ${now}))`;

/** R-SPOT-2: spot `spot` (an id) has a booking that keeps it in use at `now`; the grid shows the same fact (spotStatesSql's in_use). */
export const spotInUseSql = (spot: string, now: string) => `EXISTS (SELECT 1 FROM bookings b WHERE b.spot_id = ${spot} AND ${KEEPS_SPOT_IN_USE('b', now)})`;

/** A spot the catalogue offers: not archived, not out of service. */
export const IN_SERVICE = (s: string) => `(${s}.archived_at IS NULL AND NOT ${s}.out_of_service)`;

/**
 * Spot `s` is free over [from, to) as seen at `now`: no planned period other than a cancelled one overlaps
 * the window, and no car overstays on it. Two probes, so each uses its index (the exclusion constraint's
 * gist index, and the active-spot unique index). `except` leaves one booking out (the one being moved).
 */
export function spotFreeOver(s: string, from: string, to: string, now: string, except?: string): string {
  const other = except ? ` AND b.id <> ${except}` : '';
  return `NOT EXISTS (
      SELECT 1 FROM bookings b
      WHERE b.spot_id = ${s}.id AND b.status <> 'cancelled' AND b.period && tstzrange(${from}, ${to})${other})
    AND NOT EXISTS (
      SELECT 1 FROM bookings b WHERE b.spot_id = ${s}.id AND ${OVERSTAYS('b', now)}${other})`;
}

/**
 * Per spot of lot `lot` with a live booking, as of `now`: whether a car is on it, whether that car
 * overstays, whether a booking keeps it in use (R-SPOT-2), the reservation whose window contains now (not
 * checked in), and when its next planned reservation starts (null when none ends after now). One pass over
 * the lot's live bookings (bookings_live_lot_idx), hash-joined to its spots by the callers.
 */
export const spotHoldersSql = (lot: string, now: string) => `
  SELECT b.spot_id,
         bool_or(b.status = 'active') AS occupied,
         bool_or(${OVERSTAYS('b', now)}) AS overstay,
         bool_or(${KEEPS_SPOT_IN_USE('b', now)}) AS in_use,
         (array_agg(b.id ORDER BY b.status = 'active' DESC) FILTER (WHERE b.status = 'active' OR b.period @> ${now}::timestamptz))[1] AS booking_id,
         min(lower(b.period)) FILTER (WHERE b.status = 'reserved' AND upper(b.period) > ${now}) AS next_start
  FROM bookings b
  WHERE b.lot_id = ${lot} AND ${LIVE('b')}
  GROUP BY b.spot_id`;

/** The spot statuses of R-SPOT-1; they take precedence in this order. */
export enum SpotStatus {
  Occupied = 'occupied',
  Reserved = 'reserved',
  OutOfService = 'outOfService',
  Available = 'available',
}

/**
 * R-BOOK-1: park now may take spot `s` (with its holder row `h` of spotHoldersSql) at `now` when it is in
 * service, no car is on it, and its next reservation starts no sooner than `parkNowFrom` (now + the
 * minimum free time), or there is none.
 */
export const PARK_NOW_TAKES = (s: string, h: string, parkNowFrom: string) =>
  `(${IN_SERVICE(s)} AND NOT COALESCE(${h}.occupied, false) AND (${h}.next_start IS NULL OR ${h}.next_start >= ${parkNowFrom}))`;

/**
 * R-SPOT-1: every live spot of lot `lot` with its status at `now`, whether its car overstays, the booking
 * that holds it (an active one first, else a reservation whose window contains now), whether park now
 * could take it (R-BOOK-1, given `parkNowFrom`), whether a booking keeps it in use (R-SPOT-2: what
 * spotInUseSql asks of one spot) and when its next reservation starts.
 */
export const spotStatesSql = (lot: string, now: string, parkNowFrom: string) => `
  SELECT s.id, s.number, s.out_of_service, holder.booking_id, COALESCE(holder.overstay, false) AS overstay,
         COALESCE(holder.in_use, false) AS in_use, holder.next_start,
         ${PARK_NOW_TAKES('s', 'holder', parkNowFrom)} AS park_now,
         CASE WHEN holder.occupied THEN '${SpotStatus.Occupied}'
              WHEN holder.booking_id IS NOT NULL THEN '${SpotStatus.Reserved}'
              WHEN s.out_of_service THEN '${SpotStatus.OutOfService}'
              ELSE '${SpotStatus.Available}' END AS status
  FROM spots s
  LEFT JOIN (${spotHoldersSql(lot, now)}) holder ON holder.spot_id = s.id
  WHERE s.lot_id = ${lot} AND s.archived_at IS NULL`;

/**
 * R-BOOK-1: the spot park now takes in lot `lot` at `now`, locked for the insert: the lowest-numbered one
 * with no reservation ahead, else the one whose next reservation starts last; `next_start` becomes the
 * booking's `mustLeaveBy`. Locked rows are skipped, so concurrent bookings take different spots.
 * Two tiers, so the usual case stays cheap: the first walks the lot's spots in number order and stops
 * at the first free one (it is all a busy lot's bookings ask); only when it finds none does the second
 * rank the spots that have a reservation later. The second is not run when the first found a spot.
 */
export const parkNowSpotSql = (lot: string, now: string, parkNowFrom: string, lock: boolean) => {
  const locking = lock ? ' FOR UPDATE OF s SKIP LOCKED' : '';
  return `
  WITH free_after AS (
    SELECT s.id, s.number, NULL::timestamptz AS next_start
    FROM spots s
    WHERE s.lot_id = ${lot} AND ${IN_SERVICE('s')}
      AND s.id NOT IN (SELECT b.spot_id FROM bookings b WHERE b.lot_id = ${lot} AND ${LIVE('b')} AND (b.status = 'active' OR upper(b.period) > ${now}))
    ORDER BY s.number
    LIMIT 1${locking}),
  free_until AS (
    SELECT s.id, s.number, holder.next_start
    FROM spots s
    JOIN (${spotHoldersSql(lot, now)}) holder ON holder.spot_id = s.id
    WHERE s.lot_id = ${lot} AND ${PARK_NOW_TAKES('s', 'holder', parkNowFrom)} AND holder.next_start IS NOT NULL
    ORDER BY holder.next_start DESC, s.number
    LIMIT 1${locking})
  SELECT * FROM free_after
  UNION ALL
  SELECT * FROM free_until WHERE NOT EXISTS (SELECT 1 FROM free_after)`;
};

/** R-BOOK-2: the highest-numbered spot of lot `lot` free over [from, to) at `now` (park now keeps the low numbers). */
export const reserveSpotSql = (lot: string, from: string, to: string, now: string, lock: boolean, except?: string) => `
  SELECT s.id, s.number
  FROM spots s
  WHERE s.lot_id = ${lot} AND ${IN_SERVICE('s')} AND ${spotFreeOver('s', from, to, now, except)}
  ORDER BY s.number DESC
  LIMIT 1${lock ? ' FOR UPDATE OF s SKIP LOCKED' : ''}`;

/**
 * R-BOOK-1's `nextFreeAt`: the earliest instant in (now, horizon] at which some in-service spot of lot
 * `lot` is free and stays free for the minimum park-now time. A spot can only become free when a planned
 * period ends, so those ends are the candidates; a spot whose car overstays has no known end.
 * $1 lot, $2 now, $3 horizon, $4 minimum free minutes.
 */
export const NEXT_FREE_AT_SQL = `
  SELECT min(candidate.at) AS next_free_at
  FROM (
    SELECT b.spot_id, upper(b.period) AS at
    FROM bookings b JOIN spots s ON s.id = b.spot_id
    WHERE b.lot_id = $1 AND ${LIVE('b')} AND ${IN_SERVICE('s')}
      AND upper(b.period) > $2 AND upper(b.period) <= $3
  ) candidate
  WHERE NOT EXISTS (
    SELECT 1 FROM bookings o
    WHERE o.spot_id = candidate.spot_id AND ${LIVE('o')}
      AND (o.period @> candidate.at OR ${OVERSTAYS('o', '$2')}
           OR (lower(o.period) >= candidate.at AND lower(o.period) < candidate.at + $4 * interval '1 minute')))`;
