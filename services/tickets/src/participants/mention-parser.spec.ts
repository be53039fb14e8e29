import { findMentions, MAX_MENTION_MARKS } from './mention-parser';

const sam = { id: 1, name: 'Sam', email: 'sam@example.com' };
const samStaffer = { id: 2, name: 'Sam Staffer', email: 'staffer@example.com' };
const kim = { id: 3, name: 'Kim Lee', email: 'kim@example.com' };
const staff = [sam, samStaffer, kim];

describe(findMentions.name, () => {
  it.each([
    ['@Kim Lee please look', [kim]],
    ['ask @kim@example.com.', [kim]],
    ['@Sam Staffer and @sam, then @SAM again', [samStaffer, sam]],
    ['(cc @Kim Lee)', [kim]],
  ])('%j mentions the right staff', (text, expected) => {
    expect(findMentions(text, staff)).toEqual(expected);
  });

  it.each(['mail sam@example.com directly', '@Samantha is not Sam', '@nobody here', 'no marks at all'])(
    '%j mentions nobody',
    (text) => {
      expect(findMentions(text, staff)).toEqual([]);
    },
  );

  it(`looks at no more than ${MAX_MENTION_MARKS} marks`, () => {
    const text = `${'@x '.repeat(MAX_MENTION_MARKS)}@Kim Lee`;
    expect(findMentions(text, staff)).toEqual([]);
  });

  it('stays fast on a long note full of marks', () => {
    const started = Date.now();
    findMentions('@'.repeat(100_000), staff);
    expect(Date.now() - started).toBeLessThan(200);
  });
});
