import { movesFrom } from './campaign-labels';

describe('movesFrom', () => {
  it('offers the domain table\'s moves, never a reminder by hand', () => {
    expect(movesFrom('ASKED')).toEqual(['COMMITTED', 'COMPLETED', 'DECLINED']);
    expect(movesFrom('COMMITTED')).toEqual(['COMPLETED', 'NO_SHOW', 'CANCELLED']);
    expect(movesFrom('REMINDED')).toEqual(['COMPLETED', 'NO_SHOW', 'CANCELLED']);
    expect(movesFrom('COMPLETED')).toEqual([]);
    expect(movesFrom('DECLINED')).toEqual(['ASKED', 'COMMITTED', 'COMPLETED']);
  });
});
