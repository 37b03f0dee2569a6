import { isCanonicalPhone } from '../../../../shared/extract/phones';
import { Rejection } from '../rejection';

/**
 * Phones are stored as `normalizePhone` makes them (E.164, extension kept), the same function
 * the extension runs on what people type; anything else is refused naming the field.
 */
export function checkPhones(phones: unknown, field: string): void {
  const list = Array.isArray(phones) ? phones : phones == null ? [] : [phones];
  list.forEach((phone, i) => {
    if (typeof phone === 'string' && !isCanonicalPhone(phone)) {
      throw new Rejection('bad_request', `${phone} is not a valid phone number in E.164 form`, Array.isArray(phones) ? `${field}.${i}` : field);
    }
  });
}
