/**
 * Keeps acknowledged messages from lingering in the broker's LevelDB files.
 *
 * aedes-persistence-level keeps each QoS 1 message queued for a subscriber (`outgoing:` keys, the
 * whole packet with its payload) until the PUBACK, then deletes it. A delete in LevelDB only writes a
 * tombstone: the payload stays in the write-ahead `.log` and, after a flush, in `.ldb` tables until a
 * compaction merges the tombstone over it. A `checkin.complete` carries the guest's full ID number
 * (the server checks its checksum) and `appointment.find` looks a patient up by it, so without
 * compaction an ID number stays readable under DATA_DIR/mqtt for as long as the traffic is light.
 *
 * So: after any QoS 1 or retained traffic, at most every `intervalMs`, compact the whole key range.
 * Two details make that complete. LevelDB's `CompactRange` never rewrites the deepest level that has
 * files, and a first flush of a fresh database goes straight to level 2 with the shadowed values in
 * it; a pass therefore writes two marker keys spanning every key (below and above aedes' ASCII
 * prefixes) first, so the flushed table overlaps all levels and is merged into the deepest one, and
 * runs twice, so what the first flush pushed down is merged too. Both are needed: with one pass, or with
 * two passes and no markers, store-compaction.test.ts still finds the ID number in the files. The markers are two tiny constant
 * keys that aedes never reads (it only iterates its own prefixes). The cost: a few milliseconds for
 * the small database a broker keeps (its queues, subscriptions and retained messages).
 *
 * The alternative, a kiosk that never sends the full number, would not do: the hospital looks
 * patients up by it, and a real PMS needs it for the police registration.
 */

/** What is used of classic-level (the `level` package's Node implementation). */
export interface CompactableDb {
  batch(
    ops: Array<{ type: 'put'; key: Buffer; value: Buffer }>,
    options: { keyEncoding: 'buffer'; valueEncoding: 'buffer' },
  ): Promise<void>;
  compactRange(start: Buffer, end: Buffer, options: { keyEncoding: 'buffer' }): Promise<void>;
}

const LOW = Buffer.from([0x00]);
const HIGH = Buffer.from([0xff, 0xff]);

/** One full compaction, as explained above. */
export async function compactWholeStore(db: CompactableDb): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    await db.batch(
      [
        { type: 'put', key: LOW, value: Buffer.alloc(0) },
        { type: 'put', key: HIGH, value: Buffer.alloc(0) },
      ],
      { keyEncoding: 'buffer', valueEncoding: 'buffer' },
    );
    await db.compactRange(LOW, HIGH, { keyEncoding: 'buffer' });
  }
}

export interface StoreCompaction {
  /** Something was written that must not outlive its delete by more than `intervalMs`. */
  touched(): void;
  /** Stops the timer and compacts once more if anything was written since the last pass. */
  close(): Promise<void>;
}

export function scheduleCompaction(
  db: CompactableDb,
  intervalMs: number,
  onError: (err: unknown) => void,
): StoreCompaction {
  // Dirty from the start: a data directory from an older version may hold uncompacted payloads.
  let dirty = true;
  let running: Promise<void> = Promise.resolve();
  const pass = () => {
    if (!dirty) return running;
    dirty = false;
    running = running.then(() => compactWholeStore(db)).catch(onError);
    return running;
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return {
    touched() {
      dirty = true;
    },
    async close() {
      clearInterval(timer);
      await pass();
    },
  };
}
