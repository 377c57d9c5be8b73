// An integration's allowed addresses (single IPs and CIDR networks, IPv4 or IPv6) as node:net's BlockList, which
// does the matching (including IPv4 clients seen as IPv4-mapped IPv6 addresses, "::ffff:10.1.2.3").
import { BlockList, isIP } from 'node:net';

/** Whether an address may send; with no addresses listed, any may. The addresses were validated when saved. */
export function addressAllowList(addresses: readonly string[]): (address: string) => boolean {
  if (addresses.length === 0) return () => true;
  const list = new BlockList();
  for (const entry of addresses) {
    const [network, prefix] = entry.split('/');
    const family = isIP(network!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(network!, family);
    else list.addSubnet(network!, Number(prefix), family);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
