/**
 * The strings of the board's tickets, a supervisor joining a chat and a ticket's history, in both
 * languages; spread into `dict.ts` (kept apart so that file stays readable).
 */
const zh = {
  boardTickets: '进行中的工单',
  boardTicketsAtRisk: '工单：已升级、超时与即将超时',
  ticketUnassigned: '未指派',
  ticketEscalated: '已升级主管',
  assignTo: '指派给',
  assignChoose: '选择员工',
  assign: '指派',
  chatJoining: '您以主管身份加入对话：客人和处理人都会看到您的消息。',
  ticketHistory: '处理记录',
  ticketOcr: '照片识别文字',
  ticketHistoryFailed: '无法加载处理记录。',
  ticketCreated: '创建',
  historyBy: (who: string) => `操作人：${who}`,
  historySystem: '系统',
  historyGuest: '客人终端',
};

export type WorkText = typeof zh;

const en: WorkText = {
  boardTickets: 'Open tickets',
  boardTicketsAtRisk: 'Tickets re-escalated, overdue or due soon',
  ticketUnassigned: 'unassigned',
  ticketEscalated: 're-escalated',
  assignTo: 'Assign to',
  assignChoose: 'Choose a member',
  assign: 'Assign',
  chatJoining: 'You are joining as a supervisor: the guest and the assignee see your messages.',
  ticketHistory: 'History',
  ticketOcr: 'Text read from the photos',
  ticketHistoryFailed: 'Could not load the history.',
  ticketCreated: 'created',
  historyBy: (who: string) => `by ${who}`,
  historySystem: 'the system',
  historyGuest: 'the guest’s device',
};

export const workText = { zh, en };
