import { describe, expect, it } from 'vitest';
import { addressAllowList } from './address-allow-list.ts';

describe('addressAllowList', () => {
  it('lets any address send when none is listed', () => {
    expect(addressAllowList([])('203.0.113.9')).toBe(true);
  });

  it('matches exact addresses and CIDR networks, IPv4 and IPv6', () => {
    const allowed = addressAllowList(['10.20.0.0/16', '192.0.2.7', 'fd00:1::/32', '2001:db8::5']);
    expect(allowed('10.20.255.1')).toBe(true);
    expect(allowed('10.21.0.1')).toBe(false);
    expect(allowed('192.0.2.7')).toBe(true);
    expect(allowed('192.0.2.8')).toBe(false);
    expect(allowed('fd00:1:abcd::1')).toBe(true);
    expect(allowed('fd00:2::1')).toBe(false);
    expect(allowed('2001:db8::5')).toBe(true);
    expect(allowed('2001:db8::6')).toBe(false);
  });

  it('matches an IPv4 client seen as an IPv4-mapped IPv6 address (a dual-stack listener)', () => {
    expect(addressAllowList(['127.0.0.0/8'])('::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowList(['10.0.0.1'])('::ffff:10.0.0.2')).toBe(false);
  });

  it('refuses an address it cannot read', () => {
    expect(addressAllowList(['10.0.0.0/8'])('unknown')).toBe(false);
  });
});
