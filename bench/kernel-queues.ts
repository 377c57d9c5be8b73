// How many bytes the kernel holds for given loopback connections (`ss`): before the hub's own send queue grows,
// a stuck screen's data waits unread in its receive buffer and unacknowledged in the hub's send buffer.
import { execFile } from 'node:child_process';

export interface KernelQueue {
  /** Received by the client's kernel, not read by the client. */
  unreadBytes: number;
  /** Written by the hub, not yet accepted by the client's kernel. */
  unsentBytes: number;
}

/** Queues of the connections from each of `clientPorts` to `serverPort`; null when `ss` is not available. */
export function kernelQueues(serverPort: number, clientPorts: readonly number[]): Promise<Map<number, KernelQueue> | null> {
  return new Promise((resolve) => {
    execFile('ss', ['-tnH'], { timeout: 5000, maxBuffer: 16 * 2 ** 20 }, (error, stdout) => {
      if (error) return resolve(null);
      const wanted = new Set(clientPorts);
      const queues = new Map<number, KernelQueue>(clientPorts.map((p) => [p, { unreadBytes: 0, unsentBytes: 0 }]));
      const port = (address: string | undefined) => Number(address?.slice(address.lastIndexOf(':') + 1));
      for (const line of stdout.split('\n')) {
        // State Recv-Q Send-Q Local:Port Peer:Port
        const [, recvQ, sendQ, local, peer] = line.trim().split(/\s+/);
        const [localPort, peerPort] = [port(local), port(peer)];
        if (peerPort === serverPort && wanted.has(localPort)) queues.get(localPort)!.unreadBytes = Number(recvQ);
        if (localPort === serverPort && wanted.has(peerPort)) queues.get(peerPort)!.unsentBytes = Number(sendQ);
      }
      resolve(queues);
    });
  });
}
