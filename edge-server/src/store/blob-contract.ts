/**
 * The one contract every BlobStore passes (as `contract.ts` for the Store). Call it from a test file
 * with a factory that returns a fresh, empty blob store.
 */
import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';

export function blobStoreContract(name: string, create: () => BlobStore | Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);

    it('gives back what was put, byte for byte, and null for an unknown key', async () => {
      const blobs = await create();
      await blobs.put('a'.repeat(64), bytes);
      expect(await blobs.get('a'.repeat(64))).toEqual(bytes);
      expect(await blobs.get('b'.repeat(64))).toBeNull();
    });

    it('keeps the first bytes under a key (content-addressed: a second put is a no-op)', async () => {
      const blobs = await create();
      await blobs.put('k1', bytes);
      await blobs.put('k1', Buffer.from('other'));
      expect(await blobs.get('k1')).toEqual(bytes);
    });

    it('does not let a caller change stored bytes through the buffers it passed or got', async () => {
      const blobs = await create();
      const mine = Buffer.from(bytes);
      await blobs.put('k2', mine);
      mine[0] = 0;
      const got = await blobs.get('k2');
      expect(got).toEqual(bytes);
      if (got) got[1] = 0;
      expect(await blobs.get('k2')).toEqual(bytes);
    });

    it('deletes, and deleting a missing key is fine', async () => {
      const blobs = await create();
      await blobs.put('k3', bytes);
      await blobs.delete('k3');
      expect(await blobs.get('k3')).toBeNull();
      await expect(blobs.delete('k3')).resolves.toBeUndefined();
    });

    it('refuses keys that could name a path outside the store', async () => {
      const blobs = await create();
      for (const key of ['../secrets.json', 'a/b', '', '.', 'x'.repeat(129)]) {
        await expect(blobs.put(key, bytes)).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
        expect(await blobs.get(key)).toBeNull();
      }
    });
  });
}
