// Decodes a photo upright (EXIF orientation applied), draws it at the planned size and
// encodes it. Runs in the downscale worker, or on the page where workers cannot draw.
import { planDownscale, type DownscalePlan } from './downscalePlan';

/** The smaller photo, or null when the original should be sent (already small, or no gain). */
export async function shrinkPhoto(photo: Blob): Promise<Blob | null> {
  const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
  try {
    const plan = planDownscale(bitmap.width, bitmap.height, photo.size, photo.type);
    if (!plan) return null;
    const smaller = await draw(bitmap, plan);
    return smaller.size < photo.size ? smaller : null;
  } finally {
    bitmap.close();
  }
}

async function draw(bitmap: ImageBitmap, plan: DownscalePlan): Promise<Blob> {
  const offscreen = typeof OffscreenCanvas === 'function';
  const canvas = offscreen ? new OffscreenCanvas(plan.width, plan.height) : document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!context) throw new Error('no 2d canvas');
  if (plan.type === 'image/jpeg') {
    context.fillStyle = '#fff'; // JPEG has no transparency: white, not black, behind a transparent WebP
    context.fillRect(0, 0, plan.width, plan.height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, plan.width, plan.height);
  if (offscreen) return (canvas as OffscreenCanvas).convertToBlob({ type: plan.type, quality: plan.quality });
  return new Promise((resolve, reject) =>
    (canvas as HTMLCanvasElement).toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))),
      plan.type,
      plan.quality,
    ),
  );
}
