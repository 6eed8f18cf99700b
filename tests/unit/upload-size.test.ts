// The rules for smaller photo uploads and the upload-time warning (pure functions of the client).
import { planDownscale, SMALL_ENOUGH_BYTES } from '../../client/src/public/evidence/downscalePlan';
import { estimateUpload, slowUpload } from '../../client/src/public/evidence/uploadTime';

const MB = 1024 * 1024;

describe('planDownscale', () => {
  test('a camera photo becomes JPEG at 2048 px on its longest side, keeping its shape', () => {
    expect(planDownscale(4000, 3000, 4 * MB, 'image/jpeg')).toEqual({
      width: 2048,
      height: 1536,
      type: 'image/jpeg',
      quality: 0.85,
    });
    expect(planDownscale(3000, 4000, 4 * MB, 'image/heic')).toMatchObject({ width: 1536, height: 2048 });
    expect(planDownscale(4032, 1000, 3 * MB, 'image/webp')).toMatchObject({ width: 2048, height: 508 });
  });

  test('a photo already small in pixels and bytes is sent untouched', () => {
    expect(planDownscale(1600, 1200, SMALL_ENOUGH_BYTES, 'image/jpeg')).toBeNull();
    expect(planDownscale(2048, 1536, 300 * 1024, 'image/jpeg')).toBeNull();
  });

  test('within 2048 px but heavy, a JPEG is re-encoded at its own size', () => {
    expect(planDownscale(2000, 1500, 2 * MB, 'image/jpeg')).toEqual({
      width: 2000,
      height: 1500,
      type: 'image/jpeg',
      quality: 0.85,
    });
  });

  test('a screenshot stays PNG: only made smaller in pixels, never turned into JPEG', () => {
    expect(planDownscale(1170, 2532, 3 * MB, 'image/png')).toEqual({ width: 946, height: 2048, type: 'image/png' });
    expect(planDownscale(1080, 1920, 3 * MB, 'image/png')).toBeNull();
  });
});

describe('upload time', () => {
  test('half the browser-reported downlink is assumed for uploads', () => {
    expect(estimateUpload(10 * 1_000_000, 4)).toEqual({ seconds: 40, measured: true });
  });

  test('without a connection estimate, a slow 0.5 Mbit/s connection is assumed', () => {
    expect(estimateUpload(30 * 1_000_000, undefined)).toEqual({ seconds: 480, measured: false });
  });

  test('only uploads of a minute or more are worth a warning', () => {
    expect(slowUpload(5 * 1_000_000, 10)).toBeNull();
    expect(slowUpload(50 * 1_000_000, 10)).toEqual({ seconds: 80, measured: true });
  });
});
