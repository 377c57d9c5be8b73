// The readiness sweep's records as the hub's routes answer them (hub/routes/sweeps.ts), for the admin console.
import type { InferResponseType } from 'hono/client';
import type { api } from '../../lib/api-client.ts';

export type SweepOverview = Extract<InferResponseType<typeof api.sweeps.$get>, { ok: true }>;
export type RunningSweep = SweepOverview['running'][number];
export type SweepResult = SweepOverview['results'][number];
export type SweptScreen = Extract<InferResponseType<(typeof api.sweeps.codes)[':code']['$get']>, { ok: true }>['swept'];
