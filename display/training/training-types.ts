// The training routes' bodies as the page gets them, typed from the hub's routes (hc), so a renamed field breaks the build.
import type { InferResponseType } from 'hono/client';
import type { api } from '../lib/api-client.ts';

export type TrainingBody = Extract<InferResponseType<(typeof api)['training']['$get']>, { ok: true }>;
export type Exercise = TrainingBody['exercises'][number];
export type AnswerBody = Extract<InferResponseType<(typeof api)['training']['answers']['$post']>, { ok: true }>;
export type Feedback = AnswerBody['feedback'];
export type Standing = TrainingBody['standing'];
