import { describe, expect, it } from 'vitest';
import { subscribeMessage } from './live-connection';

describe('subscribeMessage', () => {
  it('leaves out empty lists and the defaults', () => {
    expect(subscribeMessage({})).toEqual({ type: 'subscribe' });
    expect(subscribeMessage({ ids: [], kinds: [], selector: '', states: 'all' })).toEqual({
      type: 'subscribe',
    });
  });

  it('carries the lists, the selector and states: health', () => {
    expect(
      subscribeMessage({ ids: ['host:h1'], kinds: ['host'], selector: 'env=prod', states: 'health' }),
    ).toEqual({
      type: 'subscribe',
      ids: ['host:h1'],
      kinds: ['host'],
      selector: 'env=prod',
      states: 'health',
    });
    expect(subscribeMessage({ states: 'health' })).toEqual({ type: 'subscribe', states: 'health' });
  });
});
