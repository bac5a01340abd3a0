import DataLoader from "dataloader";

/**
 * Loads or writes keys in batches, with at most `concurrency` batches in flight: a call made while
 * every slot is busy waits and goes with the others that gathered meanwhile (group commit), so
 * under load one statement serves many requests; a call on an idle server goes at once. Nothing is
 * cached between batches. The batch function returns one value or Error per key, in the keys' order.
 */
export function createBatcher<K, V>(batch: (keys: readonly K[]) => Promise<(V | Error)[]>, options: { maxBatchSize: number; concurrency: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const loader = new DataLoader<K, V>(
    (keys) => {
      const done = batch(keys);
      void done.then(release, release);
      return done;
    },
    {
      cache: false,
      maxBatchSize: options.maxBatchSize,
      batchScheduleFn: (dispatch) => {
        // The batch keeps gathering until it gets a slot; setImmediate lets the requests already read join it.
        const take = () => {
          running++;
          setImmediate(dispatch);
        };
        if (running < options.concurrency) take();
        else waiting.push(take);
      },
    },
  );
  return (key: K): Promise<V> => loader.load(key);
}
