import { describe, expect, it } from 'vitest';
import { hotelKb } from '../../../test/fixtures.js';
import { dict } from '../../i18n/dict.js';
import { quickReplies } from './quick-replies.js';

const builtIn = dict.zh.quickReplyList;

describe('chat quick replies', () => {
  it("the demo hotel's own, from its knowledge base, in the guest's language", () => {
    const kb = hotelKb();
    const site = kb.quickReplies ?? [];
    expect(site.length).toBeGreaterThan(0);
    expect(quickReplies(kb, builtIn, 'en')).toEqual(
      site.map((q) => ({ key: `kb:${q.id}`, text: q.text.en })),
    );
    expect(quickReplies(kb, builtIn, 'zh')[0]?.text).toBe(site[0]?.text.zh);
  });

  it('the built-in ones when the site has none, or no knowledge base has arrived yet', () => {
    const expected = builtIn.map((q) => q.en);
    expect(quickReplies({ ...hotelKb(), quickReplies: [] }, builtIn, 'en').map((q) => q.text)).toEqual(
      expected,
    );
    const { quickReplies: _none, ...withoutReplies } = hotelKb();
    expect(quickReplies(withoutReplies, builtIn, 'en').map((q) => q.text)).toEqual(expected);
    expect(quickReplies(null, builtIn, 'en').map((q) => q.text)).toEqual(expected);
  });
});
