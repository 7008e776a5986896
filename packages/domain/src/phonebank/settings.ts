/**
 * Phone banks: the settings the rules read (issue 7). One object per phone bank, validated once when an organiser
 * saves it; every rule in this folder takes the validated form.
 *
 * Owns: the defaults, the allowed ranges and the messages for each field.
 * Must never: read a clock, do I/O, or throw for bad input.
 */
import { type DomainError, type Result, ok } from '../result.js';
import {
  DEFAULT_CALLING_HOURS, validateCallingHours, type CallingHours, type CallingHoursErrorCode, type CallingHoursInput,
} from './calling-hours.js';

export interface PhoneBankSettingsInput {
  readonly callingHours?: CallingHoursInput;
  /** Minutes to wait after an attempt that did not reach the person (no answer, busy, voicemail...). */
  readonly coolDownMinutes?: number;
  /** Attempts that did not reach the person after which the contact is no longer called by this bank. */
  readonly maxAttempts?: number;
  /** How far ahead a caller may book a call-back, in days. */
  readonly maxCallBackDays?: number;
  /** How long a claimed contact is held without a heartbeat, in seconds. */
  readonly leaseSeconds?: number;
  /** The longest a caller may hold one contact, heartbeats or not, in minutes. */
  readonly maxHoldMinutes?: number;
}

export interface PhoneBankSettings {
  readonly callingHours: CallingHours;
  readonly coolDownMinutes: number;
  readonly maxAttempts: number;
  readonly maxCallBackDays: number;
  readonly leaseSeconds: number;
  readonly maxHoldMinutes: number;
}

export const DEFAULT_PHONE_BANK_SETTINGS: PhoneBankSettings = {
  callingHours: DEFAULT_CALLING_HOURS,
  coolDownMinutes: 240,
  maxAttempts: 3,
  maxCallBackDays: 14,
  leaseSeconds: 120,
  maxHoldMinutes: 60,
};

/** Inclusive ranges for the whole-number settings. */
export const PHONE_BANK_SETTING_RANGES = {
  coolDownMinutes: [0, 30 * 24 * 60],
  maxAttempts: [1, 20],
  maxCallBackDays: [1, 90],
  leaseSeconds: [30, 1800],
  maxHoldMinutes: [5, 480],
} as const satisfies Record<string, readonly [number, number]>;

export type PhoneBankSettingsErrorCode = 'PHONE_BANK_SETTING_INVALID' | 'PHONE_BANK_LEASE_LONGER_THAN_HOLD' | CallingHoursErrorCode;
export interface PhoneBankSettingsError extends DomainError<PhoneBankSettingsErrorCode> {
  /** `callingHours.start`, `coolDownMinutes`, ... */
  readonly path: string;
}

const LABELS: Record<keyof typeof PHONE_BANK_SETTING_RANGES, string> = {
  coolDownMinutes: 'The cool-down (minutes)',
  maxAttempts: 'Maximum attempts',
  maxCallBackDays: 'How far ahead a call-back may be booked (days)',
  leaseSeconds: 'The lease (seconds)',
  maxHoldMinutes: 'The longest hold of one contact (minutes)',
};

/** Validates a phone bank's settings, filling defaults; returns every problem at once. */
export function validatePhoneBankSettings(
  input: PhoneBankSettingsInput = {},
): Result<PhoneBankSettings, readonly PhoneBankSettingsError[]> {
  const errors: PhoneBankSettingsError[] = [];
  const hours = validateCallingHours(input.callingHours ?? {});
  if (!hours.ok) errors.push({ ...hours.error, path: `callingHours.${hours.error.path}` });
  const numbers = {} as Record<keyof typeof PHONE_BANK_SETTING_RANGES, number>;
  for (const key of Object.keys(PHONE_BANK_SETTING_RANGES) as (keyof typeof PHONE_BANK_SETTING_RANGES)[]) {
    const [min, max] = PHONE_BANK_SETTING_RANGES[key];
    const value = input[key] ?? DEFAULT_PHONE_BANK_SETTINGS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      errors.push({ code: 'PHONE_BANK_SETTING_INVALID', path: key, message: `${LABELS[key]} must be a whole number from ${min} to ${max}.` });
    }
    numbers[key] = value;
  }
  if (errors.length === 0 && numbers.leaseSeconds > numbers.maxHoldMinutes * 60) {
    errors.push({
      code: 'PHONE_BANK_LEASE_LONGER_THAN_HOLD', path: 'leaseSeconds',
      message: 'The lease cannot be longer than the longest hold of one contact.',
    });
  }
  if (errors.length > 0 || !hours.ok) return { ok: false, error: errors };
  return ok({ callingHours: hours.value, ...numbers });
}
