export * from './captureSchemas';
export { extractFromMail, cleanDisplayName, companyDomainOf } from './extractMail';
export { extractFromPage } from './extractPage';
export { stripQuotedText } from './quoted';
export { findSignatureLines } from './signature';
export { parseSignature } from './parseSignature';
export { findPhones, normalizePhone } from './phones';
