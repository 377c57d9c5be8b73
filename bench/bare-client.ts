// Asks the bare ws server (bare-process.ts) to broadcast one frame, over HTTP like the office asks the hub.
import { BenchError } from './deadline.ts';

/** Returns how many sockets the frame was sent to. */
export async function bareBroadcast(origin: string, frame: string): Promise<number> {
  const response = await fetch(`${origin}/broadcast`, { method: 'POST', body: frame, signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  if (response.status !== 200) throw new BenchError(`bare broadcast failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { sent: number }).sent;
}
