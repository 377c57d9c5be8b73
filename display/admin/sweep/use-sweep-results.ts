// The last readiness-sweep finding at each screen, read when the screens list opens (sweeps change on the sweep page,
// not live under the list).
import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../../lib/api-client.ts';
import type { SweepResult } from './sweep-types.ts';

/** By screen id; null while loading or when the hub could not be asked. */
export function useSweepResults(): Map<string, SweepResult> | null {
  const [results, setResults] = useState<Map<string, SweepResult> | null>(null);
  useEffect(() => {
    void call(api.sweeps.$get()).then(
      (body) => setResults(new Map(body.results.map((result) => [result.screenId, result]))),
      () => setResults(null),
    );
  }, []);
  return results;
}
