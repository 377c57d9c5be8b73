// One request for the weather feed: a time limit, a size limit, and the feed's own ETag and Last-Modified sent back
// (If-None-Match, If-Modified-Since) so an unchanged feed answers 304 with no body. Errors come back in words.

/** NWS's national feed is ~300 KB; a county's a few KB. More is not a feed of alerts. */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 20_000;

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedResponse = { kind: 'changed'; xml: string; validators: FeedValidators } | { kind: 'unchanged' } | { kind: 'failed'; problem: string };

/** NWS asks every client to name itself; a school's IT person can then tell Muster's requests apart. */
const USER_AGENT = 'Muster school safety hub (weather alerts)';

export async function fetchFeed(url: string, validators: FeedValidators, timeoutMs = FEED_TIMEOUT_MS): Promise<FeedResponse> {
  const headers: Record<string, string> = { Accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.1', 'User-Agent': USER_AGENT };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    if (signal.aborted) return { kind: 'failed', problem: `The feed did not answer within ${Math.round(timeoutMs / 1000)} seconds.` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'failed', problem: `The feed could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message}).` };
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { kind: 'failed', problem: `The feed answered ${response.status} ${response.statusText}`.trim() + '.' };
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > FEED_MAX_BYTES) {
    await response.body?.cancel();
    return { kind: 'failed', problem: `The feed is larger than ${FEED_MAX_BYTES / 1024 / 1024} MiB, so it was not read.` };
  }
  // Counted as it arrives: a server that sends no length, or lies about it, is cut off at the limit.
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > FEED_MAX_BYTES) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'failed', problem: `The feed is larger than ${FEED_MAX_BYTES / 1024 / 1024} MiB, so it was not read.` };
      }
      chunks.push(chunk);
    }
  } catch {
    return { kind: 'failed', problem: signal.aborted ? `The feed did not finish within ${Math.round(timeoutMs / 1000)} seconds.` : 'The feed stopped answering part way.' };
  }
  const xml = Buffer.concat(chunks).toString('utf8');
  return { kind: 'changed', xml, validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') } };
}
