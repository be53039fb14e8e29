import { describe, expect, it } from '@jest/globals';

import { describePresence } from './presence-text';

describe(describePresence.name, () => {
  it('names the others, those replying first', () => {
    expect(
      describePresence(
        [
          { staffId: 1, name: 'Alice', state: 'viewing' },
          { staffId: 2, name: 'Bob', state: 'replying' },
          { staffId: 3, name: 'Me', state: 'replying' },
        ],
        3,
      ),
    ).toBe('Bob is replying · Alice is viewing');
  });

  it('says nothing when only oneself is there', () => {
    expect(describePresence([{ staffId: 3, name: 'Me', state: 'viewing' }], 3)).toBeNull();
    expect(describePresence([], 3)).toBeNull();
  });
});
