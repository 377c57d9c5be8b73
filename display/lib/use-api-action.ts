// A Preact hook for a form's one call to the hub: busy while it runs, and its failure worded for staff.
import { useCallback, useState } from 'preact/hooks';
import { ApiFailure } from './api-client.ts';
import { errorText } from './error-text.ts';

export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `action`; resolves to its result, or to undefined after showing why it failed. */
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(failure instanceof ApiFailure ? errorText(failure) : String(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
