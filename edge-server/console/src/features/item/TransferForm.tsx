import { SKILLS, type Skill, type StaffEscalationView } from '@frontdesk/protocol';
import { useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';

/**
 * Hand an escalation on (`escalation.transfer`): to whoever has a skill, or, for supervisors who see
 * the site's staff on the board, to one colleague. The assignee and supervisors may.
 */
export function TransferForm({ escalation: e }: { escalation: StaffEscalationView }) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const me = state.session?.staff;
  const mine = e.status === 'claimed' && e.assignee?.id === me?.id;
  const open = e.status === 'pending' || e.status === 'claimed';
  if (!me || !open || (!mine && me.role === 'staff')) return null;
  const colleagues = (state.queue?.staff ?? []).filter((s) => s.id !== me.id && s.id !== e.assignee?.id);
  return (
    <form
      class="transfer"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!target) return;
        const [kind, value] = target.split(':', 2) as ['skill' | 'staff', string];
        const to = kind === 'skill' ? { skill: value as Skill } : { staffId: value };
        const trimmed = note.trim();
        void controller.send('escalation.transfer', {
          escalationId: e.id,
          to,
          ...(trimmed ? { note: trimmed } : {}),
        });
        setTarget('');
        setNote('');
      }}
    >
      <label for="transfer-to">{t.transferTo}</label>
      <select id="transfer-to" value={target} onChange={(ev) => setTarget(ev.currentTarget.value)}>
        <option value="" />
        {SKILLS.map((s) => (
          <option key={s} value={`skill:${s}`}>
            {t.transferToSkill(t.skill[s])}
          </option>
        ))}
        {colleagues.map((s) => (
          <option key={s.id} value={`staff:${s.id}`}>
            {s.name}
          </option>
        ))}
      </select>
      <label for="transfer-note">{t.transferNote}</label>
      <input
        id="transfer-note"
        maxLength={500}
        value={note}
        onInput={(ev) => setNote(ev.currentTarget.value)}
      />
      <button type="submit" class="secondary" disabled={!target}>
        {t.transfer}
      </button>
    </form>
  );
}
