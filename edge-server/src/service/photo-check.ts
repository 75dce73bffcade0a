/**
 * Is an upload really the image it claims to be? `file-type` sniffs the magic bytes; `image-size`
 * then decodes the header (PNG IHDR, JPEG SOF, WebP VP8/VP8L/VP8X) to the image's dimensions. Random
 * bytes behind a PNG signature, a header of another format, or absurd dimensions are refused.
 */
import { FrontdeskError } from '@frontdesk/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import type { Photo } from '../domain/index.js';

const ACCEPTED: Record<string, { mime: Photo['mime']; sizeType: string }> = {
  'image/jpeg': { mime: 'image/jpeg', sizeType: 'jpg' },
  'image/png': { mime: 'image/png', sizeType: 'png' },
  'image/webp': { mime: 'image/webp', sizeType: 'webp' },
};
/** Largest side accepted: a 50-megapixel phone camera is 8,688 px wide; beyond that it is not a photo. */
export const PHOTO_MAX_SIDE_PX = 10_000;

export interface CheckedImage {
  mime: Photo['mime'];
  width: number;
  height: number;
}

function refuse(reason: string): never {
  throw new FrontdeskError('UNSUPPORTED_MEDIA_TYPE', reason);
}

/** The image's type and size, or `UNSUPPORTED_MEDIA_TYPE` when the bytes are not a JPEG, PNG or WebP. */
export async function checkImage(bytes: Buffer): Promise<CheckedImage> {
  // Trust the bytes, not the declared type: a photo is stored only if it really is one.
  const sniffed = await fileTypeFromBuffer(bytes);
  const accepted = sniffed ? ACCEPTED[sniffed.mime] : undefined;
  if (!accepted) refuse(`content is ${sniffed?.mime ?? 'not a recognised image'}; JPEG, PNG or WebP only`);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    refuse(`content starts like ${accepted.mime} but its header does not decode`);
  }
  const { width, height } = size;
  if (size.type !== accepted.sizeType || !(width > 0 && height > 0))
    refuse(`content starts like ${accepted.mime} but its header does not decode`);
  if (width > PHOTO_MAX_SIDE_PX || height > PHOTO_MAX_SIDE_PX)
    refuse(`a ${width}×${height} image is larger than ${PHOTO_MAX_SIDE_PX} px a side`);
  return { mime: accepted.mime, width, height };
}
