// Finds Chromium for the end-to-end tests: PUPPETEER_EXECUTABLE_PATH, then /usr/bin/chromium, else installs
// Debian's `chromium` when running as root with apt-get; likewise `certutil` (Debian's libnss3-tools), which the kiosk
// tests use to trust the hub's authority in a kiosk profile. Fails loudly otherwise: e2e tests never skip silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function found() {
  return candidates.find(executable);
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
let path = found();
let hasCertutil = onPath('certutil');
const missing = [...(path ? [] : ['chromium']), ...(hasCertutil ? [] : ['libnss3-tools'])];
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`Installing Debian's ${missing.join(' and ')} for the end-to-end tests…`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (error) {
      console.error(`Installing ${missing.join(' and ')} failed: ${error.message}`);
    }
    path = found();
    hasCertutil = onPath('certutil');
  }
}
if (!path) {
  console.error(
    'The end-to-end tests need Chromium and none was found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.',
  );
  process.exit(1);
}
if (!hasCertutil) {
  console.error(
    'The kiosk end-to-end tests need certutil, to trust the hub\'s authority in a kiosk profile, and it was not found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install libnss3-tools`; Fedora: nss-tools).',
  );
  process.exit(1);
}
console.log(`End-to-end tests will use ${path}, and certutil for the kiosk profiles`);
