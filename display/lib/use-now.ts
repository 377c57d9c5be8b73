// The time now, for a Preact component that shows how long ago something was or when something ends.
import { useEffect, useState } from 'preact/hooks';

/** Date.now(), renewed every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
