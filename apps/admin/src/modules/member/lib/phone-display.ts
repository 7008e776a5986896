import { parsePhoneNumber } from '@muster/domain';

/** UK numbers the way people in the UK write them ("07700 900461"); anything else stays in full E.164. */
export function displayPhone(e164: string): string {
  if (!e164.startsWith('+44')) return e164;
  const parsed = parsePhoneNumber(e164);
  return parsed.ok ? parsed.value.national : e164;
}
