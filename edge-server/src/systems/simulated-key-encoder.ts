import { createHash } from 'node:crypto';
import type { KeyCard, KeyEncoder, KeyRequest } from './key-encoder.js';
import type { Outcome } from './property-system.js';
import type { SimulationDb } from './simulation-db.js';

/**
 * An encoder that behaves like one: a hopper of blank cards that runs out, a jam that stays until
 * someone clears it, and a card id derived from the request (deterministic, so tests can predict it).
 * A request key already served returns the card written then, without using another blank.
 */
export class SimulatedKeyEncoder implements KeyEncoder {
  constructor(
    private readonly db: SimulationDb,
    options: { blankCards?: number } = {},
  ) {
    db.prepare('INSERT OR IGNORE INTO key_encoder_state (id, blank_cards, jammed) VALUES (1, ?, 0)').run(
      options.blankCards ?? 500,
    );
    if (options.blankCards !== undefined) this.load(options.blankCards);
  }

  /** Staff refill the hopper. */
  load(blankCards: number): void {
    this.db.prepare('UPDATE key_encoder_state SET blank_cards = ? WHERE id = 1').run(blankCards);
  }

  jam(): void {
    this.db.prepare('UPDATE key_encoder_state SET jammed = 1 WHERE id = 1').run();
  }

  clearJam(): void {
    this.db.prepare('UPDATE key_encoder_state SET jammed = 0 WHERE id = 1').run();
  }

  blankCards(): number {
    const row = this.db.prepare('SELECT blank_cards FROM key_encoder_state WHERE id = 1').get() as {
      blank_cards: number;
    };
    return row.blank_cards;
  }

  async encode(request: KeyRequest): Promise<Outcome<KeyCard>> {
    return this.db.transaction((): Outcome<KeyCard> => {
      const done = this.db
        .prepare('SELECT card_id, room, valid_until FROM key_cards WHERE request_key = ?')
        .get(request.requestKey) as { card_id: string; room: string; valid_until: number } | undefined;
      if (done)
        return { ok: true, value: { cardId: done.card_id, room: done.room, validUntil: done.valid_until } };
      const state = this.db
        .prepare('SELECT blank_cards, jammed FROM key_encoder_state WHERE id = 1')
        .get() as {
        blank_cards: number;
        jammed: number;
      };
      if (state.jammed) return { ok: false, problem: 'KEY_JAMMED' };
      if (state.blank_cards <= 0) return { ok: false, problem: 'KEY_NO_BLANK_CARDS' };
      const cardId = `card-${createHash('sha256').update(`${request.requestKey}:${request.room}`).digest('hex').slice(0, 12)}`;
      this.db.prepare('UPDATE key_encoder_state SET blank_cards = blank_cards - 1 WHERE id = 1').run();
      this.db
        .prepare('INSERT INTO key_cards (request_key, card_id, room, valid_until) VALUES (?, ?, ?, ?)')
        .run(request.requestKey, cardId, request.room, request.validUntil);
      return { ok: true, value: { cardId, room: request.room, validUntil: request.validUntil } };
    })();
  }
}
