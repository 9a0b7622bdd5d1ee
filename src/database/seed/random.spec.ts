import { Random } from './random';

describe('seeded randomness of the demo data', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const [a, b] = [new Random(42), new Random(42)];
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Random(42).next()).not.toBe(new Random(43).next());
  });

  it('draws within bounds', () => {
    const random = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect([1, 2, 3]).toContain(random.int(1, 3));
    }
  });

  it('picks weighted keys in proportion', () => {
    const random = new Random(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[random.weighted([['a', 3], ['b', 1]] as const)]++;
    expect(counts.a / 10_000).toBeCloseTo(0.75, 1);
  });

  it('makes version-4 UUIDs', () => {
    const random = new Random(3);
    const ids = Array.from({ length: 200 }, () => random.uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(200);
  });
});
