import { DEFAULT_PHONE_BANK_SETTINGS, validatePhoneBankSettings } from './settings.js';

describe('validatePhoneBankSettings', () => {
  it('fills every default', () => {
    expect(validatePhoneBankSettings()).toEqual({ ok: true, value: DEFAULT_PHONE_BANK_SETTINGS });
    expect(DEFAULT_PHONE_BANK_SETTINGS.callingHours).toEqual({ startMinute: 540, endMinute: 1260, timeZone: 'Europe/London' });
  });

  it('accepts values at both ends of each range', () => {
    const low = validatePhoneBankSettings({ coolDownMinutes: 0, maxAttempts: 1, maxCallBackDays: 1, leaseSeconds: 30, maxHoldMinutes: 5 });
    expect(low.ok).toBe(true);
    const high = validatePhoneBankSettings({ coolDownMinutes: 43200, maxAttempts: 20, maxCallBackDays: 90, leaseSeconds: 1800, maxHoldMinutes: 480 });
    expect(high.ok).toBe(true);
  });

  it.each([
    ['coolDownMinutes', { coolDownMinutes: -1 }, 'The cool-down (minutes) must be a whole number from 0 to 43200.'],
    ['coolDownMinutes', { coolDownMinutes: 1.5 }, 'The cool-down (minutes) must be a whole number from 0 to 43200.'],
    ['maxAttempts', { maxAttempts: 0 }, 'Maximum attempts must be a whole number from 1 to 20.'],
    ['maxAttempts', { maxAttempts: Number.NaN }, 'Maximum attempts must be a whole number from 1 to 20.'],
    ['maxCallBackDays', { maxCallBackDays: 91 }, 'How far ahead a call-back may be booked (days) must be a whole number from 1 to 90.'],
    ['leaseSeconds', { leaseSeconds: 29 }, 'The lease (seconds) must be a whole number from 30 to 1800.'],
    ['maxHoldMinutes', { maxHoldMinutes: 481 }, 'The longest hold of one contact (minutes) must be a whole number from 5 to 480.'],
  ])('rejects %s: %j', (path, input, message) => {
    expect(validatePhoneBankSettings(input)).toEqual({ ok: false, error: [{ code: 'PHONE_BANK_SETTING_INVALID', path, message }] });
  });

  it('a lease longer than the longest hold is rejected', () => {
    const r = validatePhoneBankSettings({ leaseSeconds: 600, maxHoldMinutes: 5 });
    expect(!r.ok && r.error.map((e) => e.code)).toEqual(['PHONE_BANK_LEASE_LONGER_THAN_HOLD']);
  });

  it('returns every problem at once, calling hours under callingHours.*', () => {
    const r = validatePhoneBankSettings({ callingHours: { timeZone: 'Mars/Olympus' }, maxAttempts: 0, leaseSeconds: 5 });
    expect(!r.ok && r.error.map((e) => [e.path, e.code])).toEqual([
      ['callingHours.timeZone', 'CALLING_HOURS_TIME_ZONE_INVALID'],
      ['maxAttempts', 'PHONE_BANK_SETTING_INVALID'],
      ['leaseSeconds', 'PHONE_BANK_SETTING_INVALID'],
    ]);
  });
});
