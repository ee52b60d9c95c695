import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data, or updates it from the latest (`setData((prev) => …)`). */
  setData: (data: T | ((prev: T | undefined) => T)) => void;
}

/** Runs `load` when `deps` change; ignores answers that arrive after a newer request. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (generation.current !== current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (generation.current !== current) return;
        setError(err);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData: setData as AsyncState<T>['setData'] };
}
