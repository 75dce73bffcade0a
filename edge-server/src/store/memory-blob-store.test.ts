import { blobStoreContract } from './blob-contract.js';
import { MemoryBlobStore } from './blob-store.js';

blobStoreContract('MemoryBlobStore', () => new MemoryBlobStore());
