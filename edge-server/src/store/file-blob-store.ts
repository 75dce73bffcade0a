import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../data-dir.js';
import { checkBlobKey, isBlobKey, type BlobStore } from './blob-store.js';

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

/** Blobs as files of one folder (`DATA_DIR/photos`), named by their key. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    checkBlobKey(key);
    await mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const path = join(this.dir, key);
    if (await this.exists(path)) return;
    // Write then rename: a crash never leaves a half-written file under its final name.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
    await rename(tmp, path);
  }

  async get(key: string): Promise<Buffer | null> {
    if (!isBlobKey(key)) return null;
    try {
      return await readFile(join(this.dir, key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    await rm(join(this.dir, key), { force: true });
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}
