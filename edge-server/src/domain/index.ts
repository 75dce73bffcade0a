/** The edge server's pure domain core: decisions from state, inputs and `now`; no I/O. */
export * from './types.js';
export { actorRef, fail, isSupervisor, type Actor, type DomainError } from './result.js';
export {
  DEFAULT_ESCALATION_POLICIES,
  PRIORITY_RANK,
  higherPriority,
  policyFor,
  priorityFor,
  type PriorityInput,
} from './policy.js';
export {
  MAX_LEVEL,
  buildCandidates,
  chooseAssignees,
  defaultSkill,
  matchRoutingRule,
  nearestWithSkill,
  rulePriority,
  skillFor,
  type Candidate,
  type Offer,
  type RoutingInput,
} from './routing.js';
export {
  distancesFrom,
  shortestPath,
  type Path,
  type PathStep,
  type Via,
  type WalkableGraph,
} from '@frontdesk/wayfinding';
export {
  cancelEscalation,
  claimDueAt,
  claimEscalation,
  escalationPlace,
  nextDeadline,
  raiseEscalation,
  releaseEscalation,
  resolveEscalation,
  tickEscalation,
  type EscalationDecision,
  type EscalationRaiseBody,
  type EscalationResult,
  type RaiseContext,
} from './escalations.js';
export { assignToSkilled, isStaffed, offerToSkilled, seniorsFirst, supervisorsOf } from './staffing.js';
export {
  DEFAULT_TICKET_POLICIES,
  TICKET_CATEGORY_PRIORITY,
  ticketDeadline,
  ticketPolicyFor,
  tickTicket,
  withTicketSla,
  type TicketPolicies,
  type TicketPolicy,
} from './ticket-sla.js';
export { transferEscalation, type TransferInput, type TransferTarget } from './transfer.js';
export { chatAudience, staffChatRefusal } from './chat.js';
export { queuePositions, toGuestView, toStaffView } from './queue.js';
export {
  TICKET_TRANSITIONS,
  assignTicket,
  checkTicketPhotos,
  createTicket,
  toBoardTicketView,
  toTicketView,
  transitionTicket,
  type TicketAssignInput,
  type TicketContext,
  type TicketCreateBody,
  type TicketDecision,
  type TicketResult,
} from './tickets.js';
export { MAX_REPAIR_PHOTOS, addRepairPhoto, repairPhotoRefusal } from './repair-photos.js';
export {
  MAX_TRANSCRIPT_TURNS,
  NO_ANSWER_ESCALATION_STREAK,
  appendTurn,
  noAnswerEscalationDue,
  type ConversationResult,
  type ConversationTurnBody,
  type TurnContext,
} from './conversations.js';
export {
  handoverCutoffs,
  isHandoverCodeExpired,
  isHandoverPurgeable,
  type HandoverCutoffs,
  type HandoverPurgePolicy,
} from './handovers.js';
export { maskPersonalData, maskText } from './privacy.js';
export { validateKnowledgeBase } from './kb.js';
export {
  DEFAULT_ADDRESS_LOCKOUT,
  DEFAULT_ID_LOCKOUT,
  DEVICE_MESSAGE_BUDGETS,
  HANDOVER_PAGE_BUDGET,
  PHOTO_UPLOAD_QUOTAS,
  bucketFull,
  failureForgotten,
  lockStatus,
  recordFailure,
  takeToken,
  takeTokens,
  takeUpload,
  type BucketState,
  type FailureState,
  type LockoutPolicy,
  type RateBudget,
  type UploadDecision,
  type UploadQuota,
  type UploadState,
} from './rate-limits.js';
export {
  addDays,
  checkinProblem,
  checkoutProblem,
  foldName,
  localDate,
  nameHasSurname,
  sameSurname,
  type BookingStatus,
  type BookingStay,
} from './journeys.js';
