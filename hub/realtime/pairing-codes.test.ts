import { describe, expect, it } from 'vitest';
import { MAX_PENDING_PER_ADDRESS, PairingCodes, addressGroup } from './pairing-codes.ts';

const socket = () => ({});

describe('addressGroup', () => {
  it('counts an IPv4 address as itself, however it is written, and an IPv6 address by its /64', () => {
    expect(addressGroup('192.168.1.20')).toBe('192.168.1.20');
    expect(addressGroup('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('fd00::5')).toBe('fd00:0:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('unknown')).toBe('unknown');
  });
});

describe('PairingCodes', () => {
  it('gives one address at most its share of codes, and frees a place when a screen goes or its code is renewed', () => {
    const codes = new PairingCodes();
    const sockets = Array.from({ length: MAX_PENDING_PER_ADDRESS }, socket);
    for (const s of sockets) expect(codes.issue(s, '10.0.0.9', 0)).toHaveProperty('code');
    expect(codes.issue(socket(), '10.0.0.9', 0)).toBe('address');
    expect(codes.issue(socket(), '::ffff:10.0.0.9', 0)).toBe('address');
    // Another address is not held up, and a renewal replaces a code rather than taking another place.
    expect(codes.issue(socket(), '10.0.0.10', 0)).toHaveProperty('code');
    expect(codes.issue(sockets[0]!, '10.0.0.9', 1)).toHaveProperty('code');
    codes.forget(sockets[1]!);
    expect(codes.issue(socket(), '10.0.0.9', 0)).toHaveProperty('code');
  });
});
