import { ProgressReporter } from './progress';

function reporter(total: number) {
  const reports: number[] = [];
  const progress = new ProgressReporter(total, async (percent) => reports.push(percent));
  return { progress, reports };
}

describe('ProgressReporter', () => {
  it('reports each whole percentage once, and 100 only when finished', async () => {
    const { progress, reports } = reporter(1000);
    let due = 0;
    for (let row = 0; row < 1000; row++) if (progress.advance()) due++;
    expect(due).toBe(99);
    expect(reports).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    await progress.finish();
    expect(reports.at(-1)).toBe(100);
  });

  it('skips percentages when there are fewer rows than a hundred', () => {
    const { progress, reports } = reporter(3);
    progress.advance();
    progress.advance();
    progress.advance();
    expect(reports).toEqual([33, 66, 99]);
  });

  it('returns nothing to wait for between two reports', () => {
    const { progress } = reporter(1000);
    expect(progress.advance()).toBeUndefined();
    expect(progress.advance()).toBeUndefined();
    for (let row = 2; row < 9; row++) progress.advance();
    expect(progress.advance()).toBeInstanceOf(Promise);
  });

  it('never passes 99 before finish, even when more rows come than were counted', () => {
    const { progress, reports } = reporter(2);
    for (let row = 0; row < 5; row++) progress.advance();
    expect(reports).toEqual([50, 99]);
  });

  it('reports nothing for an empty export until it is finished', async () => {
    const { progress, reports } = reporter(0);
    expect(progress.advance()).toBeUndefined();
    await progress.finish();
    expect(reports).toEqual([100]);
  });
});
