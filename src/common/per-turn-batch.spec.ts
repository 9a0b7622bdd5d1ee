import { perTurnBatch } from './per-turn-batch';

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

describe('perTurnBatch', () => {
  it('flushes the items of one turn together and gives each caller the result at its index', async () => {
    const flush = jest.fn(async (items: number[]) => items.map((n) => n * 10));
    const add = perTurnBatch(flush);

    const results = await Promise.all([add(1), add(2), add(3)]);

    expect(flush).toHaveBeenCalledTimes(1);
    expect(flush).toHaveBeenCalledWith([1, 2, 3]);
    expect(results).toEqual([10, 20, 30]);
  });

  it('does not flush before the turn ends', async () => {
    const flush = jest.fn(async (items: string[]) => items);
    const add = perTurnBatch(flush);

    const pending = add('a');
    await Promise.resolve();
    expect(flush).not.toHaveBeenCalled();
    await pending;
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('puts an item handed in while a batch is being flushed into the next batch', async () => {
    let finishFirst!: () => void;
    const flush = jest
      .fn<Promise<string[]>, [string[]]>()
      .mockImplementationOnce((items) => new Promise((done) => (finishFirst = () => done(items.map((item) => `first:${item}`)))))
      .mockImplementation(async (items) => items.map((item) => `second:${item}`));
    const add = perTurnBatch(flush);

    const first = add('a');
    await nextTurn();
    expect(flush).toHaveBeenCalledTimes(1);
    const second = add('b');
    finishFirst();

    expect(await first).toBe('first:a');
    expect(await second).toBe('second:b');
    expect(flush.mock.calls).toEqual([[['a']], [['b']]]);
  });

  it('rejects every caller of a failed batch, and the next batch starts afresh', async () => {
    const flush = jest
      .fn<Promise<number[]>, [number[]]>()
      .mockRejectedValueOnce(new Error('Redis is down'))
      .mockImplementation(async (items) => items);
    const add = perTurnBatch(flush);

    const failed = await Promise.allSettled([add(1), add(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await add(3)).toBe(3);
  });
});
