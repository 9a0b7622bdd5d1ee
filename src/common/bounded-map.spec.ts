import { setNewest } from './bounded-map';

describe('setNewest', () => {
  it('forgets the oldest entries past the limit', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) setNewest(map, key, i, 3);
    expect([...map.keys()]).toEqual(['b', 'c', 'd']);
  });

  it('makes a key set again the newest, without forgetting another', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    setNewest(map, 'a', 10, 3);
    expect([...map]).toEqual([
      ['b', 2],
      ['c', 3],
      ['a', 10],
    ]);
    setNewest(map, 'd', 4, 3);
    expect([...map.keys()]).toEqual(['c', 'a', 'd']);
  });
});
