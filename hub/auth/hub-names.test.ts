import { describe, expect, it } from 'vitest';
import { HubNames } from './hub-names.ts';

describe('HubNames', () => {
  const names = new HubNames(['Hub', 'hub.local', 'muster.school.lan.', '*.screens.school.lan']);

  it('answers to its names in any case, with or without a port or a final dot, and to localhost', () => {
    for (const host of ['hub', 'HUB:8080', 'hub.local:8443', 'muster.school.lan', 'muster.school.lan.:443', 'localhost', 'localhost:8080']) {
      expect(names.answersTo(host), host).toBe(true);
    }
  });

  it('answers to any IP address, IPv6 in brackets', () => {
    for (const host of ['127.0.0.1:8080', '10.0.0.5', '[::1]:8443', '[fd00::5]']) expect(names.answersTo(host), host).toBe(true);
  });

  it('covers one label under a wildcard, as a certificate does', () => {
    expect(names.answersTo('hall-3.screens.school.lan')).toBe(true);
    expect(names.answersTo('a.b.screens.school.lan')).toBe(false);
    expect(names.answersTo('screens.school.lan')).toBe(false);
  });

  it('refuses other names, and Host headers that are not a host', () => {
    for (const host of [undefined, '', 'rebind.example', 'rebind.example:8080', 'hub.evil.example', 'localhost.evil.example', 'localhost@evil.example', '[not-an-ip]', 'hub:port', 'hub/x']) {
      expect(names.answersTo(host), String(host)).toBe(false);
    }
  });
});
