/**
 * Fault photos: the record in the `Store`, the bytes in a `BlobStore`, one service for the three
 * things done with them — upload (sniff, hash, write, record, audit), read by who may, and deletion
 * past retention. Refusals are `FrontdeskError`s with their stable code.
 */
import { FrontdeskError, type Principal } from '@frontdesk/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { sha256Hex } from '../auth/secrets.js';
import type { Photo } from '../domain/index.js';
import type { Metrics } from '../metrics.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';

const ACCEPTED_PHOTO_TYPES = new Set<string>(['image/jpeg', 'image/png', 'image/webp']);
const PHOTO_ID = /^[0-9a-f]{64}$/;
const PURGE_BATCH = 500;

type Reader = Extract<Principal, { kind: 'staff' | 'device' }>;

export class PhotoService {
  constructor(
    private readonly deps: {
      store: Store;
      blobs: BlobStore;
      clock: Clock;
      metrics: Pick<Metrics, 'photosStored'>;
    },
  ) {}

  /** Stores an upload from a device if its bytes really are a JPEG, PNG or WebP image. */
  async upload(device: { id: string; site: string }, bytes: Buffer): Promise<Photo> {
    if (bytes.length === 0) throw new FrontdeskError('INVALID_MESSAGE', 'empty upload');
    // Trust the bytes, not the declared type: a photo is stored only if it really is one.
    const sniffed = await fileTypeFromBuffer(bytes);
    if (!sniffed || !ACCEPTED_PHOTO_TYPES.has(sniffed.mime))
      throw new FrontdeskError(
        'UNSUPPORTED_MEDIA_TYPE',
        `content is ${sniffed?.mime ?? 'not a recognised image'}; JPEG, PNG or WebP only`,
      );
    const sha256 = sha256Hex(bytes);
    await this.deps.blobs.put(sha256, bytes);
    const now = this.deps.clock.now();
    const photo: Photo = {
      id: sha256,
      site: device.site,
      deviceId: device.id,
      sha256,
      mime: sniffed.mime as Photo['mime'],
      bytes: bytes.length,
      createdAt: now,
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.photos.put(photo);
      await recordAudit(tx.audit, now, {
        actor: `device:${device.id}`,
        action: 'photo.upload',
        subject: `photo:${sha256}`,
        detail: { bytes: bytes.length, mime: photo.mime },
        site: device.site,
      });
    });
    this.deps.metrics.photosStored++;
    return photo;
  }

  /**
   * A photo and its bytes for `who`: staff of its site, or the device that uploaded it when
   * `uploaderOnly`. A record whose file is gone (a crash during retention) is not found.
   */
  async open(who: Reader, id: string): Promise<{ photo: Photo; bytes: Buffer }> {
    if (!PHOTO_ID.test(id)) throw new FrontdeskError('NOT_FOUND');
    const photo = await this.deps.store.photos.get(id);
    if (!photo) throw new FrontdeskError('NOT_FOUND');
    if (who.site !== photo.site) throw new FrontdeskError('FORBIDDEN', `you belong to site ${who.site}`);
    if (who.kind === 'device' && photo.deviceId !== who.id)
      throw new FrontdeskError('FORBIDDEN', 'a device may read only the photos it uploaded');
    const bytes = await this.deps.blobs.get(photo.sha256);
    if (!bytes) throw new FrontdeskError('NOT_FOUND');
    return { photo, bytes };
  }

  /** What a member of staff sees: the photo, audited as viewed. */
  async view(
    staff: Extract<Principal, { kind: 'staff' }>,
    id: string,
  ): Promise<{ photo: Photo; bytes: Buffer }> {
    const found = await this.open(staff, id);
    await recordAudit(this.deps.store.audit, this.deps.clock.now(), {
      actor: `staff:${staff.id}`,
      action: 'photo.view',
      subject: `photo:${found.photo.id}`,
      site: found.photo.site,
    });
    return found;
  }

  /** Deletes photos stored before `cutoff` (bytes, then record); returns how many. */
  async deleteCreatedBefore(cutoff: number): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.deps.store.photos.listCreatedBefore(cutoff, PURGE_BATCH);
      if (batch.length === 0) return count;
      for (const photo of batch) {
        // The bytes first: a crash in between leaves a record without a file (served as 404), never an
        // orphaned image of a guest's room that nobody knows about.
        await this.deps.blobs.delete(photo.sha256);
        await this.deps.store.photos.delete(photo.id);
        count++;
      }
    }
  }
}
