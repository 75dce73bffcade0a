/**
 * One handler per message type, dispatched from here (as aedes' `lib/handlers/`). The maps are typed
 * by the protocol's message unions: a message type without a handler does not compile.
 */
import type { DeviceUpMessage, StaffUpMessage } from '@frontdesk/protocol';
import type { Stores } from '../../store/store.js';
import type { Handled } from '../outbound.js';
import type { DeviceContext, Handler, HandlerContext, StaffContext } from './context.js';
import { deviceChatSend } from './device/chat-send.js';
import { conversationTurn } from './device/conversation-turn.js';
import { escalationCancel } from './device/escalation-cancel.js';
import { escalationRaise } from './device/escalation-raise.js';
import { handoverOffer } from './device/handover-offer.js';
import { journeyStep } from './device/journey-step.js';
import { ratingSubmit } from './device/rating-submit.js';
import { ticketCancel } from './device/ticket-cancel.js';
import { ticketCreate } from './device/ticket-create.js';
import { staffChatSend } from './staff/chat-send.js';
import { escalationClaim } from './staff/escalation-claim.js';
import { escalationRelease } from './staff/escalation-release.js';
import { escalationResolve } from './staff/escalation-resolve.js';
import { escalationTransfer } from './staff/escalation-transfer.js';
import { presenceSet } from './staff/presence-set.js';
import { ticketAssign } from './staff/ticket-assign.js';
import { ticketUpdate } from './staff/ticket-update.js';

type HandlerMap<Ctx, U extends { type: string }> = {
  [K in U['type']]: Handler<Ctx, Extract<U, { type: K }>>;
};

export const deviceHandlers: HandlerMap<DeviceContext, DeviceUpMessage> = {
  'conversation.turn': conversationTurn,
  'escalation.raise': escalationRaise,
  'escalation.cancel': escalationCancel,
  'chat.send': deviceChatSend,
  'ticket.create': ticketCreate,
  'ticket.cancel': ticketCancel,
  'booking.find': journeyStep,
  'checkin.complete': journeyStep,
  'checkout.complete': journeyStep,
  'appointment.find': journeyStep,
  'appointment.checkin': journeyStep,
  'handover.offer': handoverOffer,
  'rating.submit': ratingSubmit,
};

export const staffHandlers: HandlerMap<StaffContext, StaffUpMessage> = {
  'escalation.claim': escalationClaim,
  'escalation.release': escalationRelease,
  'escalation.resolve': escalationResolve,
  'escalation.transfer': escalationTransfer,
  'chat.send': staffChatSend,
  'ticket.update': ticketUpdate,
  'ticket.assign': ticketAssign,
  'presence.set': presenceSet,
};

/** A device's message: only a registered, unrevoked device is heard. */
export async function onDeviceMessage(
  tx: Stores,
  base: HandlerContext,
  deviceId: string,
  msg: DeviceUpMessage,
): Promise<Handled> {
  const device = await tx.devices.get(deviceId);
  if (!device || device.revoked)
    return { ok: false, code: 'FORBIDDEN', reason: `unknown or revoked device ${deviceId}` };
  const handler = deviceHandlers[msg.type] as Handler<DeviceContext, DeviceUpMessage>;
  return handler(tx, { ...base, device }, msg);
}

/** A member of staff's message: only an enabled account is heard. */
export async function onStaffMessage(
  tx: Stores,
  base: HandlerContext,
  staffId: string,
  msg: StaffUpMessage,
): Promise<Handled> {
  const member = await tx.staff.get(staffId);
  if (!member || member.disabled)
    return { ok: false, code: 'FORBIDDEN', reason: `unknown or disabled staff ${staffId}` };
  const handler = staffHandlers[msg.type] as Handler<StaffContext, StaffUpMessage>;
  return handler(tx, { ...base, member }, msg);
}
