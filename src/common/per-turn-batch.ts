/**
 * Gathers the items handed to it during one turn of the event loop and passes them to `flush` together
 * when the turn ends (in the check phase, after every I/O callback of the turn has run). Under load many
 * requests reach the same step in one turn; one round trip for all of them costs less than one each.
 * Each caller gets the result at its own item's index, once the whole batch is flushed; a failure of
 * `flush` rejects every caller of that batch. An item handed in after the turn ended waits for the next.
 */
export function perTurnBatch<Item, Result>(flush: (items: Item[]) => Promise<Result[]>): (item: Item) => Promise<Result> {
  let gathering: { items: Item[]; flushed: Promise<Result[]> } | undefined;
  return (item) => {
    if (!gathering) {
      const items: Item[] = [];
      const flushed = new Promise<void>((turnEnded) => setImmediate(turnEnded)).then(() => {
        gathering = undefined;
        return flush(items);
      });
      gathering = { items, flushed };
    }
    const index = gathering.items.push(item) - 1;
    return gathering.flushed.then((results) => results[index]);
  };
}
