// How a photo is made smaller before upload, as plain rules (the drawing is in shrinkPhoto.ts).

/** Longest side sent: plenty to read a sign, a label or a face at a worksite. */
export const MAX_SIDE = 2048;
/** JPEG quality: no visible loss at this size, a quarter of a phone camera's bytes. */
export const JPEG_QUALITY = 0.85;
/** A photo this small and within MAX_SIDE is sent as it is. */
export const SMALL_ENOUGH_BYTES = 500 * 1024;

export interface DownscalePlan {
  width: number;
  height: number;
  /** PNG stays PNG (screenshots: sharp text, no JPEG blur); every other photo becomes JPEG. */
  type: 'image/png' | 'image/jpeg';
  quality?: number;
}

/** What to draw for an upright image of width × height; null: send the original. */
export function planDownscale(width: number, height: number, bytes: number, type: string): DownscalePlan | null {
  const longest = Math.max(width, height);
  if (!longest) return null;
  if (longest <= MAX_SIDE && bytes <= SMALL_ENOUGH_BYTES) return null;
  const png = type === 'image/png';
  // A PNG within the size limit would only be re-encoded losslessly: rarely smaller, never clearer.
  if (png && longest <= MAX_SIDE) return null;
  const scale = Math.min(1, MAX_SIDE / longest);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    type: png ? 'image/png' : 'image/jpeg',
    quality: png ? undefined : JPEG_QUALITY,
  };
}
