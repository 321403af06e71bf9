import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';

const MB = 1024 * 1024;

export const mediaConfig = registerAs('media', () => ({
  /** Local driver: files live here. */
  dir: join(resolve(process.env.DATA_DIR ?? 'data'), 'media'),
  maxImageBytes: megabytes('MEDIA_MAX_IMAGE_MB', 10),
  maxVideoBytes: megabytes('MEDIA_MAX_VIDEO_MB', 50),
  /** cloudinary://<key>:<secret>@<cloud>; when set, media is stored on Cloudinary instead of local disk. */
  cloudinaryUrl: process.env.CLOUDINARY_URL || null,
  /** Base URL of Cloudinary's upload API, only to point the SDK at a stand-in server in tests. */
  cloudinaryUploadPrefix: process.env.CLOUDINARY_UPLOAD_PREFIX || null,
  /** How long a signed Cloudinary delivery URL stays valid. */
  signedUrlTtlSeconds: 10 * 60,
}));
export type MediaConfig = ReturnType<typeof mediaConfig>;

function megabytes(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Invalid environment: ${name} must be a positive number`);
  return Math.round(value * MB);
}
