import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-contract.js';
import { FileBlobStore } from './file-blob-store.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

blobStoreContract('FileBlobStore', () => new FileBlobStore(join(dir, `contract-${n++}`)));

describe('FileBlobStore specifics', () => {
  it('creates its folder on the first put and leaves no temporary files', async () => {
    const folder = join(dir, 'photos');
    const blobs = new FileBlobStore(folder);
    await blobs.put('f'.repeat(64), Buffer.from('jpeg'));
    expect(readdirSync(folder)).toEqual(['f'.repeat(64)]);
  });
});
