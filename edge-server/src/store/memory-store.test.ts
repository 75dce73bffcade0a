import { storeContract } from './contract.js';
import { createMemoryStore } from './memory-store.js';

storeContract('MemoryStore', () => createMemoryStore());
