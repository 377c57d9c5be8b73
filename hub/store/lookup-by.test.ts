import { describe, expect, it } from 'vitest';
import { lookupBy } from './lookup-by.ts';

describe('lookupBy', () => {
  it('builds the map once per list, and again for the list that replaces it', () => {
    const byScreen = lookupBy((device: { screenId: string; tokenHash: string }) => device.screenId);
    const devices = [{ screenId: 'gym', tokenHash: 'a' }, { screenId: 'cafeteria', tokenHash: 'b' }];
    const first = byScreen(devices);
    expect(first.get('cafeteria')?.tokenHash).toBe('b');
    expect(byScreen(devices)).toBe(first);
    const replaced = byScreen(devices.filter((d) => d.screenId !== 'gym'));
    expect(replaced).not.toBe(first);
    expect(replaced.has('gym')).toBe(false);
  });
});
