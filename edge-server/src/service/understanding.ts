/**
 * Language understanding for phones that cannot run the model (the WeChat fallback): the same
 * `frontDeskTurn` the kiosk and `ask` run, with the site's knowledge base, behind `IntentModel`
 * (onnxruntime-node in production, chosen in the composition root).
 */
import {
  INITIAL_STATE,
  askResult,
  frontDeskTurn,
  knowledgeFromKb,
  validateUtterance,
  type AskResult,
  type Decision,
  type DialogueState,
  type IntentModel,
  type KnowledgeView,
} from '@frontdesk/models';
import { FrontdeskError, type KnowledgeBase, type UnderstandRequest } from '@frontdesk/protocol';
import type { KnowledgeBaseStore } from '../store/store.js';

export interface UnderstandResult extends AskResult {
  readonly choices: Decision['choices'];
  readonly flow: Decision['flow'];
  readonly priority: Decision['priority'];
  readonly escalation: Decision['escalation'];
  readonly offerHuman: boolean;
  /** Send it back with the next utterance to continue the conversation. */
  readonly state: DialogueState;
}

export class Understanding {
  /** The adapter is rebuilt only when a site publishes a new version of its knowledge base. */
  private readonly views = new Map<string, { version: number; view: KnowledgeView }>();

  constructor(
    /** Loading is started by the composition root; a request waits for it the first time. */
    private readonly model: Promise<IntentModel>,
    private readonly knowledgeBases: KnowledgeBaseStore,
    private readonly now: () => number,
  ) {}

  async understand(site: string, request: UnderstandRequest): Promise<UnderstandResult> {
    const invalid = validateUtterance(request.text);
    if (invalid) throw new FrontdeskError('INVALID_MESSAGE', `text: ${invalid.message} (${invalid.code})`);
    const kb = await this.knowledgeBases.get(site);
    if (!kb) throw new FrontdeskError('NOT_FOUND', `site ${site} has no knowledge base`);
    const loaded = await this.model.catch((err: unknown) => {
      throw new FrontdeskError('INTERNAL', 'the language model is not available', undefined, { cause: err });
    });
    const lang = request.lang;
    // An explicit language is the one to answer in, whatever the text's script says.
    const model: IntentModel = lang
      ? {
          classify: async (text, context) => ({ ...(await loaded.classify(text, context)), lang }),
          close: async () => {},
        }
      : loaded;
    const turn = await frontDeskTurn(model, this.view(kb), request.state ?? INITIAL_STATE, request.text, {
      nowMs: this.now(),
      site: kb.kind,
    });
    const d = turn.decision;
    return {
      ...askResult(request.text, turn),
      choices: d.choices,
      flow: d.flow,
      priority: d.priority,
      escalation: d.escalation,
      offerHuman: d.offerHuman,
      state: turn.state,
    };
  }

  private view(kb: KnowledgeBase): KnowledgeView {
    const cached = this.views.get(kb.site);
    if (cached && cached.version === kb.version) return cached.view;
    const view = knowledgeFromKb(kb);
    this.views.set(kb.site, { version: kb.version, view });
    return view;
  }
}
