import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HubNames } from '../auth/hub-names.ts';
import { upgradeRefusal } from './ws-upgrade.ts';

const names = new HubNames(['muster.school.test']);
const upgrade = (url: string, headers: Record<string, string>, options: { method?: string; encrypted?: boolean } = {}) =>
  ({ url, method: options.method ?? 'GET', headers, socket: { encrypted: options.encrypted } }) as unknown as IncomingMessage;

describe('which WebSocket upgrades the hub takes', () => {
  it('takes /ws on a name the hub answers to, from its own page or from no page at all', () => {
    expect(upgradeRefusal(upgrade('/ws', { host: 'muster.school.test:8080', origin: 'http://muster.school.test:8080' }), names)).toBeNull();
    expect(upgradeRefusal(upgrade('/ws?screen=gym', { host: '10.1.2.3:8080' }), names)).toBeNull();
    expect(upgradeRefusal(upgrade('/ws', { host: 'muster.school.test', origin: 'https://muster.school.test' }, { encrypted: true }), names)).toBeNull();
  });

  it('refuses another path (404), another method (405), another name (421) and another origin (403)', () => {
    expect(upgradeRefusal(upgrade('/api/state', { host: 'muster.school.test' }), names)).toBe(404);
    expect(upgradeRefusal(upgrade('/ws/', { host: 'muster.school.test' }), names)).toBe(404);
    expect(upgradeRefusal(upgrade('/ws', { host: 'muster.school.test' }, { method: 'POST' }), names)).toBe(405);
    expect(upgradeRefusal(upgrade('/ws', { host: 'rebind.example:8080', origin: 'http://rebind.example:8080' }), names)).toBe(421);
    expect(upgradeRefusal(upgrade('/ws', {}), names)).toBe(421);
    expect(upgradeRefusal(upgrade('/ws', { host: 'muster.school.test:8080', origin: 'http://evil.example' }), names)).toBe(403);
    // The page's scheme counts: a page on plain HTTP may not open the HTTPS hub's socket.
    expect(upgradeRefusal(upgrade('/ws', { host: 'muster.school.test', origin: 'http://muster.school.test' }, { encrypted: true }), names)).toBe(403);
  });
});
