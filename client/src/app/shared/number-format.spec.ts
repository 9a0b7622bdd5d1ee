import { FigurePipe, formatFigure, formatShare } from './number-format';

// The test browser's locale is en-US: its separators are "," for thousands and "." for decimals.
describe("number format: figures as the user's locale writes them", () => {
  it('separates thousands in counts', () => {
    expect(formatFigure(12345)).toBe('12,345');
    expect(formatFigure(1234567)).toBe('1,234,567');
    expect(formatFigure(999)).toBe('999');
  });

  it('keeps as many decimals as asked for, and no trailing zero', () => {
    expect(formatFigure(1234.56, 1)).toBe('1,234.6');
    expect(formatFigure(2.25, 1)).toBe('2.3');
    expect(formatFigure(2, 1)).toBe('2');
    expect(formatFigure(2.7)).toBe('3');
  });

  it('writes a share as a whole percentage, and nothing of nothing as 0%', () => {
    expect(formatShare(1, 3)).toBe('33%');
    expect(formatShare(2, 3)).toBe('67%');
    expect(formatShare(0, 0)).toBe('0%');
  });

  it('pipes a missing figure as a dash', () => {
    const pipe = new FigurePipe();
    expect(pipe.transform(12345)).toBe('12,345');
    expect(pipe.transform(1.25, 1)).toBe('1.3');
    expect(pipe.transform(null)).toBe('—');
  });
});
