import { GENERIC_MAIL_DOMAINS } from './patterns';

/** The company's domain from an email address; none for webmail providers (gmail.com, qq.com…). */
export function companyDomainOf(email: string): string | null {
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  return domain && !GENERIC_MAIL_DOMAINS.has(domain) ? domain : null;
}
