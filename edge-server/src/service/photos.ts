/**
 * Fault photos: the record in the `Store`, the bytes in a `BlobStore`, one service for the three
 * things done with them — upload (sniff, hash, write, record, audit), read by who may, and deletion
 * past retention. Refusals are `FrontdeskError`s with their stable code.
 */
import { FrontdeskError, type Principal } from '@frontdesk/protocol';
import { sha256Hex } from '../auth/secrets.js';
import type { Photo } from '../domain/index.js';
import type { Metrics } from '../metrics.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import { checkImage } from './photo-check.js';

const PHOTO_ID = /^[0-9a-f]{64}$/;
const PURGE_BATCH = 500;

type Reader = Extract<Principal, { kind: 'staff' | 'device' }>;

/** Per-device hourly upload quotas (`DeviceUploadLimiter`): null when allowed. */
export interface UploadLimiter {
  take(
    device: { id: string; kind: 'kiosk' | 'phone' },
    bytes: number,
    now: number,
  ): { reason: string; retryAfterMs: number } | null;
}

export interface PhotoServiceDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  metrics: Pick<Metrics, 'photosStored'>;
  /** Hourly quotas per device; none: not limited. */
  limiter?: UploadLimiter;
  /** What all stored images may take on disk together (`PHOTO_DISK_BUDGET_MB`); none: no budget. */
  diskBudgetBytes?: number;
}

export class PhotoService {
  /** Uploads check the disk budget and write one at a time, so parallel ones cannot overshoot it. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PhotoServiceDeps) {}

  /**
   * Stores an upload from a device if its bytes really are a JPEG, PNG or WebP image, within the
   * device's hourly quota and the disk budget. Each device's upload is its own record, owned by it;
   * the bytes are content-addressed, so the same image uploaded twice is stored once.
   */
  async upload(device: { id: string; site: string }, bytes: Buffer): Promise<Photo> {
    if (bytes.length === 0) throw new FrontdeskError('INVALID_MESSAGE', 'empty upload');
    const image = await checkImage(bytes);
    const registered = await this.deps.store.devices.get(device.id);
    if (!registered || registered.revoked) throw new FrontdeskError('FORBIDDEN');
    const owner = { id: device.id, site: device.site, kind: registered.kind, actor: `device:${device.id}` };
    return this.accept(owner, bytes, image.mime);
  }

  /**
   * Stores a photo a member of staff took (a repair on a ticket): the same image check, size limit,
   * disk budget and a kiosk's hourly quota. The record is owned by `staff:<id>`, which no device id
   * can be, so no device can read it through the uploader rule of `open`.
   */
  async uploadByStaff(staff: { id: string; site: string }, bytes: Buffer): Promise<Photo> {
    if (bytes.length === 0) throw new FrontdeskError('INVALID_MESSAGE', 'empty upload');
    const image = await checkImage(bytes);
    const owner = `staff:${staff.id}`;
    return this.accept({ id: owner, site: staff.site, kind: 'kiosk', actor: owner }, bytes, image.mime);
  }

  private async accept(
    owner: { id: string; site: string; kind: 'kiosk' | 'phone'; actor: string },
    bytes: Buffer,
    mime: Photo['mime'],
  ): Promise<Photo> {
    const now = this.deps.clock.now();
    const over = this.deps.limiter?.take({ id: owner.id, kind: owner.kind }, bytes.length, now);
    if (over) throw new FrontdeskError('RATE_LIMITED', over.reason, { retryAfterMs: over.retryAfterMs });
    const sha256 = sha256Hex(bytes);
    const photo: Photo = {
      // One record per uploader and image: a retry finds its own record; another device gets its own.
      id: sha256Hex(`${owner.id}\n${sha256}`),
      site: owner.site,
      deviceId: owner.id,
      sha256,
      mime,
      bytes: bytes.length,
      createdAt: now,
    };
    await this.exclusive(() => this.store(photo, bytes, owner.actor));
    this.deps.metrics.photosStored++;
    return photo;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writing.then(task, task);
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async store(photo: Photo, bytes: Buffer, actor: string): Promise<void> {
    const { store, blobs, diskBudgetBytes } = this.deps;
    if (diskBudgetBytes !== undefined && (await store.photos.countBySha256(photo.sha256)) === 0) {
      const used = await store.photos.storedBytes();
      if (used + bytes.length > diskBudgetBytes)
        throw new FrontdeskError(
          'PAYLOAD_TOO_LARGE',
          `photo storage is full (${Math.round(diskBudgetBytes / 1024 / 1024)} MB budget); photos are deleted after their retention`,
        );
    }
    await blobs.put(photo.sha256, bytes);
    await store.transaction(async (tx) => {
      await tx.photos.put(photo);
      await recordAudit(tx.audit, photo.createdAt, {
        actor,
        action: 'photo.upload',
        subject: `photo:${photo.id}`,
        detail: { bytes: bytes.length, mime: photo.mime },
        site: photo.site,
      });
    });
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
        // The bytes first (when no other record shares them): a crash in between leaves a record
        // without a file (served as 404), never an orphaned image of a guest's room nobody knows about.
        await this.exclusive(async () => {
          if ((await this.deps.store.photos.countBySha256(photo.sha256)) <= 1)
            await this.deps.blobs.delete(photo.sha256);
          await this.deps.store.photos.delete(photo.id);
        });
        count++;
      }
    }
  }
}
