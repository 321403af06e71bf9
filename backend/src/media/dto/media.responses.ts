import type { MediaView } from '../../contracts/messages';

export class MediaResponse implements MediaView {
  id: string;
  /** @example "image" */
  kind: 'image' | 'video';
  /** @example "image/jpeg" */
  mime: string;
  /** Bytes stored. */
  size: number;
  width?: number;
  height?: number;
  /** @example "/api/media/665f1c2e8b3e4a1d2c9f0a11" */
  url: string;
  thumbUrl?: string;
}
