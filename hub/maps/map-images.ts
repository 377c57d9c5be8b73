// Stores an uploaded floor map in the data directory's maps/ folder: SVGs sanitised, PNG and JPEG checked to
// be what they claim. Files are named by floor and content hash, so a screen's cached plan keeps pointing at
// the image it was drawn with, and nothing uploaded can choose its own path.
import { createHash } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../api-error.ts';
import { imageDimensions, sanitizeSvg } from '../uploads/upload-checks.ts';

export const MAX_MAP_BYTES = 5 * 1024 * 1024;

const KINDS = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpeg' } as const;
const EXTENSIONS = { svg: 'svg', png: 'png', jpeg: 'jpg' } as const;

export interface StoredMap {
  image: { file: string; kind: 'svg' | 'png' | 'jpeg' };
  width: number;
  height: number;
  removed: string[];
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
}

export async function storeMapImage(mapsDir: string, floorId: string, contentType: string, bytes: Uint8Array): Promise<StoredMap> {
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  // Own keys only: "constructor" or "__proto__" is no image type.
  const kind = Object.hasOwn(KINDS, declared) ? KINDS[declared as keyof typeof KINDS] : null;
  if (!kind) throw new ApiError('unsupported_type', 'Upload the map as SVG, PNG or JPEG.');
  let content: Uint8Array = bytes;
  let removed: string[] = [];
  let size: { width: number; height: number } | null;
  if (kind === 'svg') {
    const sanitized = await sanitizeSvg(bytes);
    if (!sanitized.size) throw new ApiError('bad_request', 'The SVG gives no size: give its <svg> a viewBox (or width and height).');
    content = Buffer.from(sanitized.svg, 'utf8');
    removed = sanitized.removed;
    size = sanitized.size;
  } else {
    const found = await imageDimensions(bytes);
    const expected = kind === 'png' ? 'png' : 'jpg';
    if (!found || found.type !== expected || !found.width || !found.height) {
      throw new ApiError('bad_request', `This file is not a readable ${kind.toUpperCase()} image.`);
    }
    size = { width: found.width, height: found.height };
  }
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const file = `${floorId}-${hash}.${EXTENSIONS[kind]}`;
  await mkdir(mapsDir, { recursive: true, mode: 0o700 });
  await writeDurably(join(mapsDir, file), content);
  return { image: { file, kind }, width: size.width, height: size.height, removed };
}
