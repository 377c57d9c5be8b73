// The sequence of office actions the realtime rounds play: a site-wide drill mode, All Clear, the next mode, All Clear...
// Every step changes what every screen shows, so every screen must send a receipt in every round.
import type { AllClearRequest, ModeId, ModeRequest } from '../shared/model.ts';

export interface RoundStep {
  label: string;
  path: '/api/modes' | '/api/all-clear';
  request: ModeRequest | AllClearRequest;
  /** What every screen must show afterwards. */
  expectMode: ModeId;
  expectDrill: boolean;
}

const site = { kind: 'site' } as const;

// Drills only: a bench must never look like a real event in the audit log or the reports.
const MODES: ModeRequest[] = [
  { mode: 'lockdown', scope: site, drill: true },
  { mode: 'evacuate', scope: site, drill: true, destination: 'Football field' },
  { mode: 'shelter', scope: site, drill: true, hazard: 'tornado' },
  { mode: 'secure', scope: site, drill: true },
  { mode: 'hold', scope: site, drill: true },
];

/** Step `i` (0-based) of the plan; even steps set a mode, odd steps clear it. */
export function roundStep(i: number): RoundStep {
  if (i % 2 === 1) {
    const request: AllClearRequest = { scope: site, drill: true };
    return { label: 'All Clear (drill)', path: '/api/all-clear', request, expectMode: 'normal', expectDrill: false };
  }
  const request = MODES[(i / 2) % MODES.length]!;
  return { label: `${request.mode} (drill)`, path: '/api/modes', request, expectMode: request.mode, expectDrill: true };
}
