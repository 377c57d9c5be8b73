// Where Chromium is, and how to start it headless on a server: for the printed evacuation diagrams (and the
// end-to-end tests). The hub runs without it; only printing needs it.
import { existsSync } from 'node:fs';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate)) ?? null;
}

/** Headless on a server: no sandbox (root in containers), no GPU, and none of the background network chatter. */
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
