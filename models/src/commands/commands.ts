import type { FlowId } from '../dialogue/policy.js';

/**
 * The spoken commands the kiosk's own head recognises, in both languages. The order is the head's
 * output order after `none` (a contract with the trained model: its manifest lists the same labels).
 */
export const COMMAND_IDS = [
  'wake',
  'check_in',
  'check_out',
  'talk_to_person',
  'report_problem',
  'where_is',
  'help',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
export const COMMAND_LABELS = ['none', ...COMMAND_IDS] as const;

export interface CommandPhrases {
  readonly zh: string;
  readonly en: string;
}

/** What a guest says for each command (and what the training script synthesises). */
export const COMMAND_PHRASES: Readonly<Record<CommandId, CommandPhrases>> = {
  wake: { zh: '你好小前台', en: 'hey front desk' },
  check_in: { zh: '我要入住', en: 'check in' },
  check_out: { zh: '我要退房', en: 'check out' },
  talk_to_person: { zh: '转人工', en: 'talk to a person' },
  report_problem: { zh: '我要报修', en: 'report a problem' },
  where_is: { zh: '在哪里', en: 'where is' },
  help: { zh: '帮助', en: 'help' },
};

/**
 * What a detected command does in the kiosk: wake the screen, or say the phrase into the same dialogue
 * pipeline typed text goes through (so the policy decides: "转人工" escalates, "我要入住" starts check-in).
 * `flow` names the journey a command stands for, for screens that offer it directly.
 */
export type CommandAction =
  { readonly kind: 'wake' } | { readonly kind: 'ask'; readonly text: string; readonly flow?: FlowId };

export function commandAction(command: CommandId, lang: 'zh' | 'en'): CommandAction {
  const text = COMMAND_PHRASES[command][lang];
  switch (command) {
    case 'wake':
      return { kind: 'wake' };
    case 'check_in':
      return { kind: 'ask', text, flow: 'checkin' };
    case 'check_out':
      return { kind: 'ask', text, flow: 'checkout' };
    case 'report_problem':
      return { kind: 'ask', text, flow: 'fault_report' };
    case 'where_is':
      return { kind: 'ask', text, flow: 'wayfinding' };
    case 'talk_to_person':
    case 'help':
      return { kind: 'ask', text };
  }
}
