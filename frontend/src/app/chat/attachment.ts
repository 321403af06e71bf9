import type { OutgoingAttachment } from './chat-models';

/** The server's limits (it decides; these only spare a pointless upload). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const ACCEPTED_MEDIA = 'image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm';

/** Why a file cannot be sent, judged by what the browser says it is; null when the server should have a look. */
export function attachmentProblem(file: File): string | null {
  const video = file.type.startsWith('video/');
  if (file.type && !video && !file.type.startsWith('image/')) {
    return $localize`:@@chat.attachment.wrongType:Only pictures (JPEG, PNG, WebP, GIF) and videos (MP4, WebM) can be sent.`;
  }
  if (video && file.size > MAX_VIDEO_BYTES)
    return $localize`:@@chat.attachment.videoTooLarge:Videos can be at most 50 MB.`;
  if (!video && file.size > MAX_IMAGE_BYTES)
    return $localize`:@@chat.attachment.pictureTooLarge:Pictures can be at most 10 MB.`;
  return null;
}

/** A local preview of the file; the caller owns `previewUrl` and revokes it when the file is dropped. */
export function toAttachment(file: File): OutgoingAttachment {
  const kind = file.type.startsWith('video/') ? 'video' : 'image';
  return { file, kind, previewUrl: URL.createObjectURL(file) };
}

/** The picture's or video's size, to reserve its space in the bubble; undefined when it cannot be read. */
export function measure(attachment: OutgoingAttachment): Promise<{ width: number; height: number } | undefined> {
  return new Promise((resolve) => {
    const done = (width: number, height: number) => resolve(width && height ? { width, height } : undefined);
    if (attachment.kind === 'image') {
      const image = new Image();
      image.onload = () => done(image.naturalWidth, image.naturalHeight);
      image.onerror = () => resolve(undefined);
      image.src = attachment.previewUrl;
    } else {
      const video = document.createElement('video');
      video.preload = 'metadata';
      video.onloadedmetadata = () => done(video.videoWidth, video.videoHeight);
      video.onerror = () => resolve(undefined);
      video.src = attachment.previewUrl;
    }
  });
}

/** "2.4 MB", "512 KB" ("2,4 MB" in German). */
export function fileSize(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const megabytes = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${megabytes.format(bytes / (1024 * 1024))} MB`;
}
