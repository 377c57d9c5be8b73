// The one line a person runs on a Debian / Raspberry Pi OS kiosk to make it a Muster screen (config/kiosk/install.sh,
// served by the hub). Printed at start and shown at /kiosk/.
import type { Authority } from './hub-certificate.ts';

/**
 * With the hub's own authority the command first downloads ca.crt without checking it, then checks it against the
 * hash printed here before anything trusts it, and downloads the installer only over a connection that certificate
 * vouches for. So the command is only as trustworthy as the place it was copied from: the hub's own output.
 */
export function kioskSetupCommand(networkUrl: string, authority: Authority | null): string {
  const screenUrl = `${networkUrl}/screen/`;
  if (!authority) return `curl -fsS ${networkUrl}/kiosk/install.sh | bash -s -- ${screenUrl}`;
  return [
    `curl -fsSko muster-ca.crt ${networkUrl}/ca.crt`,
    `echo "${authority.fileSha256}  muster-ca.crt" | sha256sum -c --quiet`,
    `curl -fsS --cacert muster-ca.crt ${networkUrl}/kiosk/install.sh | bash -s -- --ca muster-ca.crt ${screenUrl}`,
  ].join(' && ');
}
