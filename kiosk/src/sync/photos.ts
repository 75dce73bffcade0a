import type { KioskDatabase, StoredPhoto } from '../storage/db.js';

/**
 * Photos taken on the kiosk (a fault report's broken tap), kept in IndexedDB until the server has
 * them. The JPEG never goes anywhere but the site's own edge server, and is deleted here once it is
 * uploaded.
 */
export class PhotoStore {
  constructor(private readonly db: KioskDatabase) {}

  async put(key: string, blob: Blob, takenAt: number): Promise<void> {
    await this.db.put('photos', { key, blob, takenAt });
  }

  async get(key: string): Promise<StoredPhoto | null> {
    return (await this.db.get('photos', key)) ?? null;
  }

  async delete(key: string): Promise<void> {
    await this.db.delete('photos', key);
  }

  async keys(): Promise<string[]> {
    return this.db.getAllKeys('photos');
  }
}

/** Why an upload failed: `retry` later (link, server), or `reject` (the server refuses this photo). */
export class PhotoUploadError extends Error {
  constructor(
    readonly kind: 'retry' | 'reject',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoUploadError';
  }
}

/** Sends one photo to the edge server and returns the server's id for it (its sha256). */
export interface PhotoUploader {
  upload(photo: Blob, options?: { signal?: AbortSignal }): Promise<{ photoId: string }>;
}

/**
 * `POST /api/photos` with the device's credentials (HTTP Basic: device id and secret, as on MQTT).
 * The server names photos by their sha256, so uploading the same photo twice stores it once.
 */
export class HttpPhotoUploader implements PhotoUploader {
  constructor(
    private readonly options: {
      baseUrl: string;
      deviceId: string;
      secret: string;
      fetch?: typeof fetch;
      timeoutMs?: number;
    },
  ) {}

  async upload(photo: Blob, options: { signal?: AbortSignal } = {}): Promise<{ photoId: string }> {
    const f = this.options.fetch ?? fetch.bind(globalThis);
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await f(`${this.options.baseUrl}/api/photos`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa(`${this.options.deviceId}:${this.options.secret}`)}`,
          'content-type': photo.type || 'image/jpeg',
        },
        body: photo,
        signal,
      });
    } catch (error) {
      throw new PhotoUploadError('retry', 'the edge server could not be reached', { cause: error });
    }
    if (res.status === 201 || res.status === 200) {
      const json = (await res.json()) as { photoId?: unknown };
      if (typeof json.photoId === 'string') return { photoId: json.photoId };
      throw new PhotoUploadError('retry', 'the server answered without a photo id');
    }
    // 4xx other than auth and rate limits: this photo will never be accepted (not an image, too big).
    const final = res.status >= 400 && res.status < 500 && ![401, 408, 429].includes(res.status);
    throw new PhotoUploadError(final ? 'reject' : 'retry', `photo upload failed with HTTP ${res.status}`);
  }
}
