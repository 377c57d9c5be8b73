// Checks on uploaded files (SVG sanitising, image headers) run on one thread of their own, never on the hub's event
// loop: a hostile 5 MiB SVG or JPEG can take seconds to check, and a mode change must not wait behind it. Only a few
// uploads may wait for that thread; beyond that an upload is refused at once (429, try again shortly) rather than
// queued behind a flood. A check that runs too long (or runs out of memory) stops its thread and is refused as too
// complex, in words.
import { Piscina } from 'piscina';
import { ApiError } from '../api-error.ts';

/** Uploads waiting for the thread beyond the one being checked. */
export const MAX_WAITING_CHECKS = 4;
/** Long enough for the largest real floor plan on a busy two-core hub; a hostile file is refused long before. */
const CHECK_TIME_LIMIT_MS = 60_000;
/** jsdom holds a large drawing in a few hundred MiB; more is a file built to exhaust memory. */
const CHECK_MEMORY_MB = 1024;

export interface SanitizedSvg {
  svg: string;
  /** What was taken out, in words for the facility manager. */
  removed: string[];
  /** The view box size (or width/height) in map units; null when the SVG gives none. */
  size: { width: number; height: number } | null;
}

export interface ImageDimensions {
  type: string;
  width: number;
  height: number;
}

type CheckTask = { kind: 'svg'; bytes: Uint8Array } | { kind: 'image'; bytes: Uint8Array };

let pool: Piscina | null = null;

/** One checking thread, started on first use and stopped when idle, so a hub at rest holds none (nor jsdom). */
function checkingThread(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./upload-check-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    maxQueue: MAX_WAITING_CHECKS,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: CHECK_MEMORY_MB },
  });
  return pool;
}

/** Too many uploads waiting to be checked: the client may come back shortly (Retry-After). */
export class UploadChecksBusyError extends ApiError {
  readonly retryAfterSeconds = 5;
  constructor() {
    super('rate_limited', 'The hub is checking other uploads right now. Try again in a few seconds.');
  }
}

async function run<Result>(task: CheckTask): Promise<Result> {
  const thread = checkingThread();
  if (thread.queueSize >= MAX_WAITING_CHECKS) throw new UploadChecksBusyError();
  try {
    return (await thread.run(task, { signal: AbortSignal.timeout(CHECK_TIME_LIMIT_MS) })) as Result;
  } catch (error) {
    if ((error as Error).message === 'Task queue is at limit') throw new UploadChecksBusyError();
    // The limit counts from the request, so a file may also wait behind others' for part of it.
    if ((error as Error).name === 'AbortError') {
      throw new ApiError(
        'bad_request',
        `This file could not be checked within ${CHECK_TIME_LIMIT_MS / 1000} seconds, so it was not stored. Simplify it, or try again when fewer uploads are running.`,
      );
    }
    if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new ApiError('bad_request', 'This file needs too much memory to check, so it was not stored. Simplify it and upload it again.');
    }
    // Hostile markup is the uploader's problem, never a 500; the cause is logged for whoever keeps the hub.
    console.error('An upload check failed:', error);
    throw new ApiError('bad_request', 'This file could not be read, so it was not stored.');
  }
}

/** An uploaded SVG made safe (see svg-sanitizer.mjs); a file that cannot be used is refused (400) with the reason. */
export async function sanitizeSvg(bytes: Uint8Array): Promise<SanitizedSvg> {
  const result = await run<SanitizedSvg | { refused: string }>({ kind: 'svg', bytes });
  if ('refused' in result) throw new ApiError('bad_request', result.refused);
  return result;
}

/** An image's type and size from its header, or null when it is no image the hub can read. */
export function imageDimensions(bytes: Uint8Array): Promise<ImageDimensions | null> {
  return run<ImageDimensions | null>({ kind: 'image', bytes });
}
