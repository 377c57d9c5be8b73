// How many times a listening socket's accept queue overflowed on this machine (Linux TcpExtListenOverflows): a
// connection whose SYN is dropped there is retried by the client's kernel 1, 3, 7, 15… s later, which a reconnect
// storm shows as waves. Machine-wide: read before and after, on a machine where nothing else storms.
import { readFileSync } from 'node:fs';

/** The counter now, or null where /proc/net/netstat is missing. */
export function listenOverflows(): number | null {
  try {
    // Pairs of lines: "TcpExt: Name1 Name2 …" then "TcpExt: value1 value2 …".
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/).slice(1);
    const values = lines[1]!.split(/\s+/).slice(1);
    const i = names.indexOf('ListenOverflows');
    return i < 0 ? null : Number(values[i]);
  } catch {
    return null;
  }
}
