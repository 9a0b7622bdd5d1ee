/**
 * Seeded randomness for the demo data: the same `--seed` gives the same data (ids included), so a
 * dashboard or benchmark figure can be reproduced. sfc32, seeded through splitmix32: fast, 32-bit, and
 * good enough for fixtures (not for anything secret).
 */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    [this.a, this.b, this.c, this.d] = [splitmix(), splitmix(), splitmix(), splitmix()];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of weights) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return weights[weights.length - 1][0];
  }

  /** Waiting time of a Poisson process with this rate (events per unit of the result). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** A version-4 UUID drawn from this stream. */
  uuid(): string {
    let hex = '';
    for (let word = 0; word < 4; word++) {
      let bits = Math.floor(this.next() * 4294967296);
      if (word === 1) bits = (bits & 0xffff0fff) | 0x00004000; // version 4
      if (word === 2) bits = (bits & 0x3fffffff) | 0x80000000; // RFC 4122 variant
      hex += HEX_BYTES[bits >>> 24] + HEX_BYTES[(bits >>> 16) & 0xff] + HEX_BYTES[(bits >>> 8) & 0xff] + HEX_BYTES[bits & 0xff];
    }
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
