// Plain-English names for the import contract's codes: what a data-team member reads on the import screens.
import type { Tone } from '@muster/ui';
import type { ImportField, ImportMatchKey, ImportRowOutcome, ImportStatus } from '../graphql/import.graphql';

export const FIELD_LABEL: Record<ImportField, string> = {
  IGNORE: 'Don’t import',
  MEMBERSHIP_NUMBER: 'Membership number',
  FIRST_NAME: 'First name',
  LAST_NAME: 'Last name',
  FULL_NAME: 'Full name (split into first and last)',
  EMAIL: 'Email',
  EMAIL_2: 'Second email',
  PHONE: 'Phone (type detected)',
  MOBILE: 'Mobile',
  LANDLINE: 'Landline',
  POSTCODE: 'Postcode',
  REGION: 'Region',
  BRANCH: 'Branch',
  WORKPLACE: 'Workplace',
  EMPLOYER: 'Employer',
  STATUS: 'Membership status',
  JOINED_ON: 'Joined on',
  LEFT_ON: 'Left on',
  TAGS: 'Tags',
  ISSUES: 'Issues',
  SMS_CONSENT: 'SMS consent',
  EMAIL_CONSENT: 'Email consent',
  SUPPORT_LEVEL: 'Support level (1–5)',
};

export const MATCH_KEY_LABEL: Record<ImportMatchKey, string> = {
  MEMBERSHIP_NUMBER: 'Membership number',
  EMAIL: 'Email address',
  MOBILE: 'Mobile number',
};

export const OUTCOME_LABEL: Record<ImportRowOutcome, string> = {
  CREATED: 'New members',
  UPDATED: 'Updated members',
  UNCHANGED: 'Unchanged',
  REJECTED: 'Rejected rows',
};

export const OUTCOME_TONE: Record<ImportRowOutcome, Tone> = { CREATED: 'success', UPDATED: 'info', UNCHANGED: 'neutral', REJECTED: 'danger' };

export const STATUS_LABEL: Record<ImportStatus, string> = {
  ANALYSED: 'Ready to map',
  DRY_RUN_QUEUED: 'Dry run queued',
  DRY_RUN_RUNNING: 'Dry run running',
  DRY_RUN_DONE: 'Dry run done',
  QUEUED: 'Queued',
  RUNNING: 'Importing',
  CANCELLING: 'Cancelling',
  CANCELLED: 'Cancelled',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
};

export const STATUS_TONE: Record<ImportStatus, Tone> = {
  ANALYSED: 'neutral',
  DRY_RUN_QUEUED: 'info',
  DRY_RUN_RUNNING: 'info',
  DRY_RUN_DONE: 'info',
  QUEUED: 'info',
  RUNNING: 'info',
  CANCELLING: 'warning',
  CANCELLED: 'warning',
  COMPLETED: 'success',
  FAILED: 'danger',
};

export function delimiterLabel(delimiter: string): string {
  if (delimiter === ',') return 'Comma';
  if (delimiter === ';') return 'Semicolon';
  if (delimiter === '\t') return 'Tab';
  return JSON.stringify(delimiter);
}

export function encodingLabel(encoding: string): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 with byte-order mark';
    case 'windows-1252':
      return 'Windows-1252 (older Excel)';
    default:
      return encoding;
  }
}

/** Import-field options for a mapping select, the column's suggestion marked so it is easy to go back to. */
export function fieldOptions(suggested: ImportField): Array<{ value: ImportField; label: string }> {
  return (Object.keys(FIELD_LABEL) as ImportField[]).map((f) => ({
    value: f,
    label: f === suggested && f !== 'IGNORE' ? `${FIELD_LABEL[f]} (suggested)` : FIELD_LABEL[f],
  }));
}
