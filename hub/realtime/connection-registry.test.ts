// Unit tests for the connection registry with fake sockets: roles and their indexes, sends with back-pressure, the
// console feed's allowance, bad frames and the heartbeat sweep.
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol.ts';
import { FakeSocket } from '../../test/helpers/fake-socket.ts';
import { ConnectionRegistry, MAX_BAD_FRAMES, type ConnectionRole } from './connection-registry.ts';

const registry = () => new ConnectionRegistry({ maxBufferedBytes: 1000, messageBudget: { perSecond: 10, burst: 10 }, now: () => 0 });
const pending = (): ConnectionRole => ({ kind: 'pending', session: null, from: '192.0.2.1', helloTimer: setTimeout(() => undefined, 0) });
const screenRole = (screenId: string): ConnectionRole => ({ kind: 'screen', screenId, planVersion: null, wordingsVersion: null, contentRevision: null });

describe('ConnectionRegistry', () => {
  it('indexes screens by id and consoles apart, and says which screen connection is current', () => {
    const connections = registry();
    const [first, second, desk] = [new FakeSocket(), new FakeSocket(), new FakeSocket()].map((socket) => connections.open(socket, pending()));
    expect(connections.assign(first!, screenRole('hall'))).toBeUndefined();
    expect(connections.assign(second!, screenRole('hall'))).toBe(first);
    connections.assign(desk!, { kind: 'console', session: { user: { username: 'office', role: 'office' }, key: 'k' } });
    expect(connections.screen('hall')).toBe(second);
    expect([...connections.consoles()]).toEqual([desk]);
    expect(connections.onlineScreens).toBe(1);
    expect(connections.remove(first!.socket)?.wasCurrentScreen).toBe(false);
    expect(connections.onlineScreens).toBe(1);
    expect(connections.remove(second!.socket)?.wasCurrentScreen).toBe(true);
    expect(connections.remove(desk!.socket)?.wasCurrentScreen).toBe(false);
    expect([...connections.consoles()]).toEqual([]);
    expect(connections.onlineScreens).toBe(0);
  });

  it('drops a socket with more queued than the limit, and sends nothing on a closing one', () => {
    const socket = new FakeSocket();
    const connection = registry().open(socket, pending());
    socket.bufferedAmount = 1000;
    connection.sendFrame('a');
    socket.bufferedAmount = 1001;
    connection.sendFrame('b');
    expect(socket.sent).toEqual(['a']);
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.slowConsumer);
    expect(socket.terminated).toBe(true);
    connection.sendFrame('c');
    expect(socket.sent).toEqual(['a']);
  });

  it('lets the frames behind a large feed frame through, as long as what is queued beyond it stays under the limit', () => {
    const socket = new FakeSocket();
    const connection = registry().open(socket, pending());
    const large = 'x'.repeat(5000);
    connection.sendLarge(large);
    socket.bufferedAmount = 5000 + 900;
    connection.sendFrame('small');
    expect(socket.closedWith).toBeNull();
    socket.bufferedAmount = 5000 + 1001;
    connection.sendFrame('small');
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.slowConsumer);
  });

  it('answers bad frames with their error and closes after too many', () => {
    const socket = new FakeSocket();
    const connection = registry().open(socket, pending());
    for (let i = 1; i < MAX_BAD_FRAMES; i += 1) connection.reject('bad_request', `bad ${i}`);
    expect(socket.closedWith).toBeNull();
    connection.reject('bad_request', 'one more');
    expect(socket.of('error')).toHaveLength(MAX_BAD_FRAMES);
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.tooManyBadMessages);
  });

  it('spends the message budget and refills it with time', () => {
    let now = 0;
    const connection = new ConnectionRegistry({ maxBufferedBytes: 1000, messageBudget: { perSecond: 2, burst: 2 }, now: () => now }).open(new FakeSocket(), pending());
    expect([connection.takeMessage(), connection.takeMessage(), connection.takeMessage()]).toEqual([true, true, false]);
    now = 500;
    expect(connection.takeMessage()).toBe(true);
  });

  it('pings the living at each sweep and terminates whoever did not answer the last one', () => {
    const connections = registry();
    const [quiet, answering] = [new FakeSocket(), new FakeSocket()];
    connections.open(quiet, pending());
    const live = connections.open(answering, pending());
    connections.sweep();
    expect([quiet.pings, answering.pings]).toEqual([1, 1]);
    live.alive = true;
    connections.sweep();
    expect(quiet.terminated).toBe(true);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBe(2);
  });

  it('stops a role’s timer when the connection takes another role or goes', () => {
    let fired = 0;
    const connections = registry();
    const connection = connections.open(new FakeSocket(), { kind: 'pending', session: null, from: 'x', helloTimer: setTimeout(() => (fired += 1), 5) });
    connections.assign(connection, { kind: 'pairing', renewTimer: setTimeout(() => (fired += 1), 5) });
    connections.remove(connection.socket);
    return new Promise<void>((done) =>
      setTimeout(() => {
        expect(fired).toBe(0);
        done();
      }, 20),
    );
  });
});
