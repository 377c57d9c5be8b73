// The password hash, run on the hub's own hashing thread (see passwords.ts): plain JavaScript, because worker
// threads load it directly, with no TypeScript loader, under the hub and under the tests alike.
import { scryptSync } from 'node:crypto';
import { yieldCpuToTheHub } from '../threads/yield-cpu.mjs';

yieldCpuToTheHub();

/** @param {{ password: string, salt: Uint8Array, keyLength: number, options: import('node:crypto').ScryptOptions }} task */
export default function derive({ password, salt, keyLength, options }) {
  return scryptSync(password, salt, keyLength, options);
}
