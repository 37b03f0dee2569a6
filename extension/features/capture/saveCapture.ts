import { ulid } from 'ulidx';
import { NEW_DEAL_DEFAULTS } from '../../../shared/schema/deal';
import { companyDomainOf } from '../../../shared/extract/mailDomain';
import { domainKey } from '../../../shared/rules/dedup';
import type { Contact } from '../../../shared/schema/contact';
import type { AppDb } from '../../db/appDb';
import { writeLocal, type LocalChange } from '../../db/localWrite';

export interface CaptureForm {
  name: string;
  title: string;
  company: string;
  emails: string[];
  phones: string[];
  website: string;
  address: string;
}

export interface CaptureChoices {
  source: 'gmail' | 'outlook' | 'web';
  sourceUrl: string | null;
  /** Reuse this company instead of creating one. */
  companyId: string | null;
  /** Add the new details to this contact instead of creating a twin. */
  attachTo: Contact | null;
  createDeal: boolean;
  firstStageId: string;
  currency: string;
  activity: { subject: string; snippet: string; occurredAt: number | null } | null;
}

const httpUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url.slice(0, 2048) : null);
/** What a person typed as a website ("acme.example" or a full URL), as an http(s) URL. */
const websiteUrl = (typed: string) => (typed.trim() ? httpUrl(/^https?:/i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`) : null);

/**
 * Saves a capture in one local transaction: company (unless reused), contact (or additions to an
 * existing one), an optional first-stage deal, and the email as an activity.
 * Returns the contact's id.
 */
export async function saveCapture(db: AppDb, viewer: { id: string; teamId: string }, form: CaptureForm, choices: CaptureChoices): Promise<string> {
  const changes: LocalChange[] = [];
  const name = form.name.trim();
  const companyName = form.company.trim();
  let companyId = choices.companyId;
  if (!companyId && companyName) {
    companyId = ulid();
    const website = websiteUrl(form.website);
    const domain = (website && domainKey(website)) ?? form.emails.map(companyDomainOf).find(Boolean) ?? null;
    changes.push({
      entity: 'company',
      op: 'create',
      recordId: companyId,
      fields: { name: companyName, domain: domain && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) ? domain : null, website, phone: null, address: form.address.trim() || null, industry: null, grade: null },
    });
  }

  let contactId: string;
  if (choices.attachTo) {
    contactId = choices.attachTo.id;
    const emails = [...new Set([...choices.attachTo.emails, ...form.emails])];
    const phones = [...new Set([...choices.attachTo.phones, ...form.phones])];
    if (emails.length !== choices.attachTo.emails.length || phones.length !== choices.attachTo.phones.length) {
      changes.push({ entity: 'contact', op: 'update', recordId: contactId, fields: { emails, phones } });
    }
  } else {
    contactId = ulid();
    changes.push({
      entity: 'contact',
      op: 'create',
      recordId: contactId,
      fields: { name, emails: form.emails, phones: form.phones, title: form.title.trim() || null, companyId, source: choices.source, sourceUrl: httpUrl(choices.sourceUrl) },
    });
  }

  let dealId: string | null = null;
  if (choices.createDeal && !choices.attachTo) {
    dealId = ulid();
    changes.push({
      entity: 'deal',
      op: 'create',
      recordId: dealId,
      fields: { ...NEW_DEAL_DEFAULTS, title: [companyName, name].filter(Boolean).join(' · ') || name, companyId, contactId, stageId: choices.firstStageId, currency: choices.currency },
    });
  }
  if (choices.activity) {
    changes.push({
      entity: 'activity',
      op: 'create',
      fields: {
        kind: 'email',
        occurredAt: choices.activity.occurredAt ?? Date.now(),
        subject: choices.activity.subject.slice(0, 300) || null,
        body: choices.activity.snippet,
        sourceUrl: httpUrl(choices.sourceUrl),
        contactId,
        dealId,
        companyId: companyId ?? choices.attachTo?.companyId ?? null,
      },
    });
  }
  await writeLocal(db, viewer, changes);
  return contactId;
}
