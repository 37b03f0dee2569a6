import { monotonicFactory } from 'ulidx';
import { DEFAULT_PIPELINE } from '../../shared/rules/defaultPipeline';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import type { Role } from '../../shared/schema/team';
import { generateToken, hashToken } from '../auth/token';
import { LOOKUP_KEYS_VERSION, lookupKeysOf } from '../dedup/lookupKeys';
import type * as schema from '../db/schema';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export interface DemoRows {
  teams: Insert<typeof schema.teams>[];
  users: Insert<typeof schema.users>[];
  apiTokens: Insert<typeof schema.apiTokens>[];
  pipelines: Insert<typeof schema.pipelines>[];
  companies: Insert<typeof schema.companies>[];
  contacts: Insert<typeof schema.contacts>[];
  deals: Insert<typeof schema.deals>[];
  followUps: Insert<typeof schema.followUps>[];
  activities: Insert<typeof schema.activities>[];
  stageChanges: Insert<typeof schema.stageChanges>[];
  lookupKeys: Insert<typeof schema.lookupKeys>[];
}
export interface DemoLogin {
  userId: string;
  email: string;
  role: Role;
  token: string;
}
export interface DemoTeam {
  teamId: string;
  rows: DemoRows;
  logins: DemoLogin[];
}

const DAY = 86_400_000;

/**
 * A realistic team with Chinese and English names: one admin, one manager, two reps, and the
 * companies, contacts, deals, follow-ups and activities a reviewer expects to click through.
 * Used by `npm run seed`, by `npm start` and by tests, so all three see the same shape.
 */
export async function buildDemoTeam(options: { now: number; emailDomain?: string; teamName?: string; tokenTtlDays?: number }): Promise<DemoTeam> {
  const { now } = options;
  const domain = options.emailDomain ?? 'sidecar.test';
  const nextId = monotonicFactory();
  const id = () => nextId(now);
  const teamId = id();
  let version = 0;
  const meta = (ownerId: string, ageDays = 0) => ({
    id: id(),
    teamId,
    ownerId,
    createdAt: now - ageDays * DAY,
    updatedAt: now - ageDays * DAY,
    deletedAt: null,
    version: ++version,
  });

  const people: { name: string; email: string; role: Role; locale: 'zh-CN' | 'en'; timeZone: string }[] = [
    { name: '王芳', email: `admin@${domain}`, role: 'admin', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
    { name: 'Michael Chen 陈明', email: `manager@${domain}`, role: 'manager', locale: 'en', timeZone: 'Asia/Shanghai' },
    { name: '李雷', email: `lilei@${domain}`, role: 'rep', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
    { name: 'Emma Wilson', email: `emma@${domain}`, role: 'rep', locale: 'en', timeZone: 'Europe/London' },
  ];
  const users = people.map((p) => ({ id: id(), teamId, ...p, createdAt: now - 90 * DAY }));
  const [, , lilei, emma] = users as [typeof users[0], typeof users[0], typeof users[0], typeof users[0]];

  const logins: DemoLogin[] = [];
  const apiTokens: DemoRows['apiTokens'] = [];
  for (const user of users) {
    const token = generateToken();
    logins.push({ userId: user.id, email: user.email, role: user.role, token });
    apiTokens.push({
      id: id(),
      userId: user.id,
      teamId,
      tokenHash: await hashToken(token),
      label: 'demo',
      createdAt: now,
      expiresAt: now + (options.tokenTtlDays ?? 90) * DAY,
      revokedAt: null,
    });
  }

  const company = (ownerId: string, name: string, domainName: string | null, grade: 'A' | 'B' | 'C', industry: string, phone: string | null, address: string | null) => ({
    ...meta(ownerId, 30),
    name,
    domain: domainName,
    website: domainName ? `https://${domainName}` : null,
    phone,
    address,
    industry,
    grade,
  });
  const companies = [
    company(lilei.id, '上海云启信息技术有限公司', 'yunqi-tech.cn', 'A', '软件', '+862155501234', '上海市浦东新区张江路 88 号'),
    company(lilei.id, '北京远航物流股份有限公司', 'yuanhang-logistics.cn', 'B', '物流', '+861065507788', '北京市朝阳区建国路 1 号'),
    company(emma.id, 'Northwind Traders Ltd.', 'northwind.example', 'A', 'Wholesale', '+442079460000', '12 Fleet Street, London'),
    company(emma.id, 'Contoso GmbH', 'contoso.example', 'C', 'Manufacturing', '+4930123456', 'Friedrichstraße 10, Berlin'),
  ];
  const [yunqi, yuanhang, northwind, contoso] = companies as [typeof companies[0], typeof companies[0], typeof companies[0], typeof companies[0]];

  const contact = (ownerId: string, name: string, email: string, phone: string, title: string, companyId: string, source: 'manual' | 'gmail' | 'outlook' | 'web') => ({
    ...meta(ownerId, 20),
    name,
    emails: [email],
    phones: [phone],
    title,
    companyId,
    source,
    sourceUrl: null,
  });
  const contacts = [
    contact(lilei.id, '张伟', 'zhangwei@yunqi-tech.cn', '+8613800138000', '采购总监', yunqi.id, 'gmail'),
    contact(lilei.id, '刘洋', 'liuyang@yuanhang-logistics.cn', '+8613912345678', '销售经理', yuanhang.id, 'manual'),
    contact(emma.id, 'Sarah Johnson', 'sarah.johnson@northwind.example', '+447700900123', 'Head of Procurement', northwind.id, 'outlook'),
    contact(emma.id, 'Jürgen Müller', 'j.mueller@contoso.example', '+4915112345678', 'Einkaufsleiter', contoso.id, 'web'),
  ];
  const [zhang, liu, sarah, jurgen] = contacts as [typeof contacts[0], typeof contacts[0], typeof contacts[0], typeof contacts[0]];

  const deal = (ownerId: string, title: string, companyId: string, contactId: string, stageId: string, amountMinor: number | null, currency: string, closeInDays: number | null) => ({
    ...meta(ownerId, 15),
    ...NEW_DEAL_DEFAULTS,
    title,
    companyId,
    contactId,
    stageId,
    amountMinor,
    currency,
    expectedCloseAt: closeInDays === null ? null : now + closeInDays * DAY,
  });
  const deals = [
    deal(lilei.id, '云启 CRM 年度订阅', yunqi.id, zhang.id, 'quote', 12_000_000, 'CNY', 30),
    deal(lilei.id, '远航物流 试点项目', yuanhang.id, liu.id, 'first_visit', null, 'CNY', null),
    deal(emma.id, 'Northwind rollout, 40 seats', northwind.id, sarah.id, 'proposal', 4_800_000, 'GBP', 45),
    deal(emma.id, 'Contoso pilot', contoso.id, jurgen.id, 'lead', null, 'EUR', null),
  ];
  const stageChanges = deals.map((d) => ({
    ...meta(d.ownerId, 15),
    dealId: d.id,
    fromStageId: null,
    toStageId: d.stageId,
    changedAt: d.createdAt,
    changedBy: d.ownerId,
  }));

  const followUp = (ownerId: string, kind: 'call' | 'email' | 'visit' | 'meeting' | 'other', title: string, dueInDays: number, contactId: string, dealId: string) => ({
    ...meta(ownerId, 2),
    kind,
    title,
    dueAt: now + dueInDays * DAY,
    doneAt: null,
    outcome: null,
    contactId,
    dealId,
  });
  const followUps = [
    followUp(lilei.id, 'call', '电话确认报价细节', 0, zhang.id, deals[0]!.id),
    followUp(lilei.id, 'visit', '拜访远航物流仓库', -2, liu.id, deals[1]!.id),
    followUp(emma.id, 'email', 'Send revised proposal to Sarah', 1, sarah.id, deals[2]!.id),
    followUp(emma.id, 'meeting', 'Intro call with Jürgen', 3, jurgen.id, deals[3]!.id),
  ];

  const activity = (ownerId: string, kind: 'email' | 'call' | 'visit' | 'meeting' | 'note', subject: string, body: string, daysAgo: number, contactId: string, dealId: string, companyId: string) => ({
    ...meta(ownerId, daysAgo),
    kind,
    occurredAt: now - daysAgo * DAY,
    recordedAt: now - daysAgo * DAY,
    subject,
    body,
    sourceUrl: null,
    contactId,
    dealId,
    companyId,
  });
  const activities = [
    activity(lilei.id, 'call', '首次电话沟通', '张总对年度订阅感兴趣，希望下周收到报价。', 10, zhang.id, deals[0]!.id, yunqi.id),
    activity(lilei.id, 'email', '报价单', '已发送报价单 v1。', 3, zhang.id, deals[0]!.id, yunqi.id),
    activity(emma.id, 'meeting', 'Discovery meeting', 'Sarah needs SSO and a 40-seat rollout by Q1.', 7, sarah.id, deals[2]!.id, northwind.id),
  ];

  const lookupKeys = [
    ...contacts.flatMap((c) => lookupKeysOf('contact', c).map((k) => ({ teamId, ...k, recordId: c.id }))),
    ...companies.flatMap((c) => lookupKeysOf('company', c).map((k) => ({ teamId, ...k, recordId: c.id }))),
  ];
  const teams = [{ id: teamId, name: options.teamName ?? '星火科技销售部 Spark Sales', defaultCurrency: 'CNY', version, lookupKeysVersion: LOOKUP_KEYS_VERSION, createdAt: now - 90 * DAY }];
  const pipelines = [{ teamId, ...DEFAULT_PIPELINE, updatedAt: now - 90 * DAY }];
  return {
    teamId,
    logins,
    rows: { teams, users, apiTokens, pipelines, companies, contacts, deals, followUps, activities, stageChanges, lookupKeys },
  };
}
