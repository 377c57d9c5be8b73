// The device tokens of the simulated screens: the bench's hubs pair every screen with these (hub-process.ts).
export function benchScreenToken(screenId: string): string {
  return `bench-device-token-${screenId}`;
}
