// Child process entry for the login-flood section: the attacker. Sends bursts of wrong logins from many loopback
// addresses when asked, in a process of its own, so that the office's timing in the bench process never includes
// handling the flood's 200 answers (an office tablet is not the attacker's machine).
import { request } from 'node:http';

export type FloodRequest = { type: 'flood'; origin: string; first: number; count: number };
export type FloodReport = { type: 'sent' } | { type: 'answered'; statuses: number[] };

/** A wrong login from one loopback address; resolves with the status whatever it is. */
function badLogin(origin: string, i: number): Promise<number> {
  const url = new URL('/api/session', origin);
  const body = JSON.stringify({ username: `guess-${i}`, password: `wrong-${i}` });
  const localAddress = `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', localAddress, headers: { Origin: origin, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const report = (message: FloodReport) => process.send?.(message);

process.on('message', (message: FloodRequest | { type: 'stop' }) => {
  if (message.type === 'stop') process.exit(0);
  const answers = Array.from({ length: message.count }, (_, i) => badLogin(message.origin, message.first + i));
  report({ type: 'sent' });
  void Promise.all(answers).then((statuses) => report({ type: 'answered', statuses }));
});
// The parent's IPC channel closing (the bench ended or died) ends this process too.
process.on('disconnect', () => process.exit(0));
