// Browsers that have logged in to an account before: a cookie the hub signed at that login (HMAC-SHA256 of the
// username, with a key kept in the data directory). It grants nothing by itself, the password is still needed;
// it only lets the device through the account's lock, so guessing from elsewhere cannot lock the office out.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KNOWN_DEVICE_COOKIE = 'muster_known_device';
/** A year: a front-office tablet is used every school day, but may sit through a summer. */
export const KNOWN_DEVICE_MAX_AGE_S = 365 * 24 * 3600;
const KEY_FILE = 'login-key';

export class KnownDevices {
  constructor(private readonly key: Buffer) {}

  /** The key in the data directory, made on first start (readable by the hub's user only). */
  static async open(dataDir: string): Promise<KnownDevices> {
    const path = join(dataDir, KEY_FILE);
    try {
      return new KnownDevices(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const key = randomBytes(32);
      await writeFile(path, key, { mode: 0o600, flag: 'wx' });
      return new KnownDevices(key);
    }
  }

  /** The cookie value for a device that just logged in as this user. */
  issue(username: string): string {
    return `${Buffer.from(username).toString('base64url')}.${this.#mac(username).toString('base64url')}`;
  }

  /** Whether the cookie (or several, comma-free values only) says this device has logged in as this user. */
  knows(cookie: string | undefined, username: string): boolean {
    if (!cookie) return false;
    const [name, mac] = cookie.split('.');
    if (!name || !mac || Buffer.from(name, 'base64url').toString() !== username) return false;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#mac(username);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(username: string): Buffer {
    return createHmac('sha256', this.key).update(`known-device\0${username}`).digest();
  }
}
