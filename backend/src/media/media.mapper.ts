import type { MediaKind, MediaView } from '../contracts/messages';

export interface MediaFields {
  _id: { toString(): string };
  kind: MediaKind;
  mime: string;
  size: number;
  name?: string | null;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
}

export function toMediaView(media: MediaFields): MediaView {
  const id = media._id.toString();
  return {
    id,
    kind: media.kind,
    mime: media.mime,
    size: media.size,
    ...(media.name ? { name: media.name } : {}),
    ...(media.width ? { width: media.width } : {}),
    ...(media.height ? { height: media.height } : {}),
    url: `/api/media/${id}`,
    ...(media.thumbKey ? { thumbUrl: `/api/media/${id}/thumb` } : {}),
  };
}
