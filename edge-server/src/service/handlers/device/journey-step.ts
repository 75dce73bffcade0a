import type { JourneyMessage } from '../../journeys.js';
import type { DeviceContext, Handler } from '../context.js';

/**
 * Journey steps ask the hotel or hospital system, outside the store's transaction: the pipeline
 * handles them before any transaction (`pipeline.ts`). Reaching here is a pipeline bug, refused.
 */
export const journeyStep: Handler<DeviceContext, JourneyMessage> = async (_tx, _ctx, msg) => ({
  ok: false,
  code: 'INVALID_STATE',
  reason: `${msg.type} is a journey step`,
});
