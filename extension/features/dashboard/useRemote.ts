import { useCallback, useEffect, useState } from 'react';
import type { BackgroundResponse } from '../../messaging/protocol';
import { failureOf } from '../../messaging/sendToBackground';

export type Remote<T> = { data: T | null; error: Extract<BackgroundResponse, { ok: false }> | null; loading: boolean; reload: () => void };

/**
 * Data the dashboard reads from the API (not the local cache): loads when `deps` change, keeps
 * the last answer while reloading, and holds the failure for the screen to say in its language.
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Remote<T>['error']>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run()
      .then((value) => live && (setData(value), setError(null)))
      .catch((err) => live && setError(failureOf(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [run, generation]);
  return { data, error, loading, reload: () => setGeneration((g) => g + 1) };
}
