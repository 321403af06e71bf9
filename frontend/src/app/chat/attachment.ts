import type { MediaKind } from '@contracts/messages';

import type { OutgoingAttachment } from './chat-models';

/** The server's limits for pictures and videos (it decides; these only spare a pointless upload). Documents and
 * audio have an operator's limit (MEDIA_MAX_FILE_MB) the app does not know: the server's 413 says it. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
/** What the file picker offers: what the server takes (it judges by content, whatever the name says). */
export const ACCEPTED_MEDIA = [
  'image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm',
  'audio/mpeg,audio/ogg,audio/webm,audio/mp4,audio/aac,audio/wav,audio/x-m4a,.mp3,.ogg,.opus,.m4a,.aac,.wav',
  'application/pdf,.pdf,text/plain,.txt,.csv,.md,application/zip,.zip',
  '.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp',
].join(',');

/** What the browser says the file is; the server's judgement by content replaces it once uploaded. */
export function attachmentKind(file: File): MediaKind {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Why a picture or video cannot be sent, judged by what the browser says it is; null when the server should judge. */
export function attachmentProblem(file: File): string | null {
  const kind = attachmentKind(file);
  if (kind === 'video' && file.size > MAX_VIDEO_BYTES)
    return $localize`:@@chat.attachment.videoTooLarge:Videos can be at most 50 MB.`;
  if (kind === 'image' && file.size > MAX_IMAGE_BYTES)
    return $localize`:@@chat.attachment.pictureTooLarge:Pictures can be at most 10 MB.`;
  return null;
}

/** A local preview of the file; the caller owns `previewUrl` and revokes it when the file is dropped. */
export function toAttachment(file: File): OutgoingAttachment {
  return { file, kind: attachmentKind(file), previewUrl: URL.createObjectURL(file) };
}

/** The picture's or video's size, to reserve its space in the bubble; undefined when it cannot be read. */
export function measure(attachment: OutgoingAttachment): Promise<{ width: number; height: number } | undefined> {
  if (attachment.kind !== 'image' && attachment.kind !== 'video') return Promise.resolve(undefined);
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
