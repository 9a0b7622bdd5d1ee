/**
 * Turns rows written into a 0–100 progress and reports it each time the whole percentage grows: at most
 * a hundred reports per export however many rows it has. 100 is kept for `finish`, once the file is complete.
 */
export class ProgressReporter {
  private done = 0;
  private reported = 0;

  constructor(
    private readonly total: number,
    private readonly report: (percent: number) => Promise<unknown>,
  ) {}

  /** Counts one row. Returns a promise only when a report is due, so the row loop rarely waits. */
  advance(): Promise<unknown> | undefined {
    this.done++;
    const percent = this.total > 0 ? Math.min(99, Math.floor((this.done * 100) / this.total)) : 0;
    if (percent <= this.reported) return undefined;
    this.reported = percent;
    return this.report(percent);
  }

  finish(): Promise<unknown> {
    this.reported = 100;
    return this.report(100);
  }
}
