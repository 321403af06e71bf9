import sharp from 'sharp';

export interface ProcessedImage {
  /** The re-encoded image: same format, orientation applied, every metadata block (EXIF, GPS, XMP) dropped. */
  main: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const THUMB_SIZE = 320;
/** Refuse decompression bombs: more pixels than a 64-megapixel camera makes. */
const MAX_PIXELS = 64_000_000;

/**
 * Re-encodes an uploaded image. sharp writes no metadata unless asked to, so EXIF and GPS are gone; animated GIF
 * and WebP keep their frames. Throws when the bytes are not a decodable image.
 */
export async function processImage(path: string, mime: string, square = false): Promise<ProcessedImage> {
  const animated = mime === 'image/gif' || mime === 'image/webp';
  const source = () => sharp(path, { animated, limitInputPixels: MAX_PIXELS }).rotate();
  const encode = (image: sharp.Sharp) => {
    switch (mime) {
      case 'image/png':
        return image.png();
      case 'image/gif':
        return image.gif();
      case 'image/webp':
        return image.webp({ quality: 85 });
      default:
        return image.jpeg({ quality: 85, mozjpeg: true });
    }
  };
  const { data: main, info } = await encode(source()).toBuffer({ resolveWithObject: true });
  const thumb = await source()
    .resize(THUMB_SIZE, THUMB_SIZE, square ? { fit: 'cover' } : { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { main, thumb, width: info.width, height: info.pageHeight ?? info.height };
}
