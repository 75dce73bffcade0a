/**
 * Where the bytes of uploads (fault photos) live, by key: the records are in the `Store`, the bytes
 * here. `FileBlobStore` (a folder, `file-blob-store.ts`) in production, `MemoryBlobStore` in tests;
 * both pass `blob-contract.ts`. Keys are 1–128 characters of A–Z a–z 0–9 _ - (a SHA-256 in hex for
 * photos), so a key can never name a path outside the store.
 */
import { FrontdeskError } from '@frontdesk/protocol';

export interface BlobStore {
  /** Stores `bytes` under `key`; a key already present keeps its bytes (content-addressed keys). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or null. */
  get(key: string): Promise<Buffer | null>;
  /** Deletes `key`; deleting a missing key is fine. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const isBlobKey = (key: string): boolean => KEY_PATTERN.test(key);

export function checkBlobKey(key: string): void {
  if (!isBlobKey(key)) throw new FrontdeskError('INVALID_MESSAGE', `not a blob key: ${JSON.stringify(key)}`);
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(key: string, bytes: Buffer): Promise<void> {
    checkBlobKey(key);
    if (!this.blobs.has(key)) this.blobs.set(key, Buffer.from(bytes));
  }

  async get(key: string): Promise<Buffer | null> {
    if (!isBlobKey(key)) return null;
    const bytes = this.blobs.get(key);
    return bytes ? Buffer.from(bytes) : null;
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    this.blobs.delete(key);
  }
}
