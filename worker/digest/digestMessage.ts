import { createMimeMessage } from 'mimetext';
import { escapeHtml } from '../pages/htmlPage';
import type { Locale } from '../../shared/schema/primitives';
import type { Digest, DigestItem, ManagerSection } from './digestData';

const text = {
  'zh-CN': {
    subject: (date: string, n: number) => `Sidecar 每日摘要 ${date}：${n} 项待办`,
    preview: '（预览）',
    hello: (name: string) => `${name}，你好：`,
    intro: '今天需要你关注的事项：',
    sections: { overdue: '已逾期的跟进', dueToday: '今天到期的跟进', stale: '久未跟进的商机', missingFields: '缺少阶段要求信息的商机', noNextStep: '没有下一步跟进的商机', waitingLead: '等待首次联系的新线索', claim: '同事申请的客户' },
    why: {
      overdue: (i: { dueAt: string }) => `应于 ${i.dueAt} 完成`,
      dueToday: (i: { dueAt: string }) => `今天 ${i.dueAt} 到期`,
      stale: (i: { days: number }) => `已 ${i.days} 天没有活动记录`,
      missingFields: (i: { missing: string }) => `缺少：${i.missing}`,
      noNextStep: () => '尚未安排下一次跟进',
      waitingLead: (i: { hours: number }) => `创建已 ${i.hours} 小时，尚无联系记录`,
      claim: (i: { requester: string }) => `${i.requester} 申请接手`,
    },
    field: { amountMinor: '金额', expectedCloseAt: '预计成交日期', contactId: '联系人', companyId: '公司', lostReason: '输单原因', contractNumber: '合同编号', signedAt: '合同签订日期', collectedAmountMinor: '回款金额', collectedAt: '回款日期' } as Record<string, string>,
    team: '团队情况',
    repHeader: ['成员', '逾期跟进', '久未跟进商机', '待联系线索', '昨天补录的活动'],
    totals: (t: ManagerSection['totals']) => `本周活动 ${t.activitiesThisWeek} 条（上周 ${t.activitiesLastWeek}），新线索 ${t.newLeadsThisWeek} 个（上周 ${t.newLeadsLastWeek}）。`,
    open: '打开',
    more: (n: number) => `……还有 ${n} 项，在 Sidecar 侧边栏中查看`,
    footer: '你收到这封邮件是因为你在 Sidecar 开启了每日摘要。',
    unsubscribe: '不再接收每日摘要',
  },
  en: {
    subject: (date: string, n: number) => `Sidecar daily digest ${date}: ${n} item${n === 1 ? '' : 's'}`,
    preview: ' (preview)',
    hello: (name: string) => `Hello ${name},`,
    intro: 'What needs you today:',
    sections: { overdue: 'Overdue follow-ups', dueToday: 'Follow-ups due today', stale: 'Deals going cold', missingFields: 'Deals missing what their stage requires', noNextStep: 'Deals without a next follow-up', waitingLead: 'New leads waiting for a first contact', claim: 'Customers a teammate asked for' },
    why: {
      overdue: (i: { dueAt: string }) => `was due ${i.dueAt}`,
      dueToday: (i: { dueAt: string }) => `due today at ${i.dueAt}`,
      stale: (i: { days: number }) => `no activity for ${i.days} days`,
      missingFields: (i: { missing: string }) => `missing: ${i.missing}`,
      noNextStep: () => 'no next follow-up planned',
      waitingLead: (i: { hours: number }) => `created ${i.hours} h ago, not contacted yet`,
      claim: (i: { requester: string }) => `${i.requester} asks to take it over`,
    },
    field: { amountMinor: 'amount', expectedCloseAt: 'expected close date', contactId: 'contact', companyId: 'company', lostReason: 'reason lost', contractNumber: 'contract number', signedAt: 'contract signed date', collectedAmountMinor: 'amount collected', collectedAt: 'payment date' } as Record<string, string>,
    team: 'Your team',
    repHeader: ['Rep', 'Overdue follow-ups', 'Stale deals', 'Leads waiting', 'Back-filled yesterday'],
    totals: (t: ManagerSection['totals']) => `This week ${t.activitiesThisWeek} activities (last week ${t.activitiesLastWeek}), ${t.newLeadsThisWeek} new leads (last week ${t.newLeadsLastWeek}).`,
    open: 'Open',
    more: (n: number) => `…and ${n} more in the Sidecar side panel`,
    footer: 'You get this because the daily digest is on in your Sidecar profile.',
    unsubscribe: 'Stop the daily digest',
  },
} as const;

/** Lines shown per section; the rest are counted. */
export const MAX_ITEMS_PER_SECTION = 15;

const ORDER: DigestItem['kind'][] = ['overdue', 'dueToday', 'claim', 'waitingLead', 'stale', 'missingFields', 'noNextStep'];

export interface DigestLinks {
  /** The page that opens a record in the side panel (or says how). */
  record: (item: DigestItem) => string;
  /** One-click unsubscribe (RFC 8058). */
  unsubscribe: string;
}

/** The digest as raw MIME: plain text and HTML in the user's language, dates in their zone, unsubscribe headers. */
export function digestMessage(digest: Digest, options: { from: string; messageId: string; links: DigestLinks; now: number; preview?: boolean }): string {
  const { user } = digest;
  const t = text[user.locale as Locale];
  // Two formatters per message: constructing Intl formatters is the slow part, not using them.
  const dateTime = new Intl.DateTimeFormat(user.locale, { timeZone: user.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const timeOnly = new Intl.DateTimeFormat(user.locale, { timeZone: user.timeZone, timeStyle: 'short' });
  const time = (ms: number, withDate: boolean) => (withDate ? dateTime : timeOnly).format(ms);
  const why = (item: DigestItem): string => {
    switch (item.kind) {
      case 'overdue':
        return t.why.overdue({ dueAt: time(item.dueAt, true) });
      case 'dueToday':
        return t.why.dueToday({ dueAt: time(item.dueAt, false) });
      case 'stale':
        return t.why.stale(item);
      case 'missingFields':
        return t.why.missingFields({ missing: item.missing.map((f) => t.field[f] ?? f).join(user.locale === 'zh-CN' ? '、' : ', ') });
      case 'noNextStep':
        return t.why.noNextStep();
      case 'waitingLead':
        return t.why.waitingLead(item);
      case 'claim':
        return t.why.claim(item);
    }
  };
  // A long list is read by nobody: each section shows its first items and says how many more.
  const sections = ORDER.map((kind) => {
    const all = digest.items.filter((i) => i.kind === kind);
    return { kind, items: all.slice(0, MAX_ITEMS_PER_SECTION), more: Math.max(0, all.length - MAX_ITEMS_PER_SECTION) };
  }).filter((s) => s.items.length > 0);

  const plain: string[] = [t.hello(user.name), '', t.intro, ''];
  for (const section of sections) {
    plain.push(`${t.sections[section.kind]}:`);
    for (const item of section.items) plain.push(`  - ${item.title} (${why(item)})`, `    ${options.links.record(item)}`);
    if (section.more > 0) plain.push(`  ${t.more(section.more)}`);
    plain.push('');
  }
  if (digest.manager) {
    plain.push(`${t.team}:`, `  ${t.repHeader.join(' | ')}`);
    for (const r of digest.manager.reps) plain.push(`  ${r.name} | ${r.overdue} | ${r.stale} | ${r.waitingLeads} | ${r.backfilledYesterday}`);
    plain.push(`  ${t.totals(digest.manager.totals)}`, '');
  }
  plain.push('--', t.footer, `${t.unsubscribe}: ${options.links.unsubscribe}`);

  const html = [`<!doctype html><html lang="${user.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">`, `<p>${escapeHtml(t.hello(user.name))}</p><p>${escapeHtml(t.intro)}</p>`];
  for (const section of sections) {
    html.push(`<h3 style="margin-bottom:4px">${escapeHtml(t.sections[section.kind])}</h3><ul>`);
    for (const item of section.items) html.push(`<li><a href="${escapeHtml(options.links.record(item))}">${escapeHtml(item.title)}</a> <span style="color:#666">${escapeHtml(why(item))}</span></li>`);
    if (section.more > 0) html.push(`<li style="color:#666">${escapeHtml(t.more(section.more))}</li>`);
    html.push('</ul>');
  }
  if (digest.manager) {
    html.push(`<h3>${escapeHtml(t.team)}</h3><table cellpadding="4" style="border-collapse:collapse"><tr>${t.repHeader.map((h) => `<th align="left">${escapeHtml(h)}</th>`).join('')}</tr>`);
    for (const r of digest.manager.reps) html.push(`<tr><td>${escapeHtml(r.name)}</td><td>${r.overdue}</td><td>${r.stale}</td><td>${r.waitingLeads}</td><td>${r.backfilledYesterday}</td></tr>`);
    html.push(`</table><p>${escapeHtml(t.totals(digest.manager.totals))}</p>`);
  }
  html.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(t.footer)} <a href="${escapeHtml(options.links.unsubscribe)}">${escapeHtml(t.unsubscribe)}</a></p></body></html>`);

  const message = createMimeMessage();
  message.setSender({ name: 'Sidecar', addr: options.from });
  message.setRecipient({ name: user.name, addr: user.email });
  message.setSubject(t.subject(user.localDate, digest.items.length) + (options.preview ? t.preview : ''));
  message.setHeader('Date', new Date(options.now).toUTCString());
  message.setHeader('Message-ID', options.messageId);
  message.setHeader('Auto-Submitted', 'auto-generated');
  message.setHeader('List-Unsubscribe', `<${options.links.unsubscribe}>`);
  message.setHeader('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
  message.addMessage({ contentType: 'text/plain', data: plain.join('\n') + '\n' });
  message.addMessage({ contentType: 'text/html', data: html.join('\n') });
  return message.asRaw();
}
