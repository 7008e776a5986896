import { displayPhone } from './phone-display';

describe('displayPhone', () => {
  it('writes UK numbers nationally', () => expect(displayPhone('+447700900461')).toBe('07700 900461'));
  it('keeps other countries in E.164', () => expect(displayPhone('+33612345678')).toBe('+33612345678'));
});
