import type { Stage } from '../schema/pipeline';

/** The pipeline a new team starts with; admins may edit it. */
export const DEFAULT_STAGES: Stage[] = [
  { id: 'lead', label: { 'zh-CN': '线索', en: 'Lead' }, kind: 'open', probability: 5, requiredFields: [] },
  { id: 'first_visit', label: { 'zh-CN': '初访', en: 'First visit' }, kind: 'open', probability: 10, requiredFields: ['contactId'] },
  { id: 'needs', label: { 'zh-CN': '需求确认', en: 'Needs confirmed' }, kind: 'open', probability: 25, requiredFields: ['contactId'] },
  { id: 'proposal', label: { 'zh-CN': '方案', en: 'Proposal' }, kind: 'open', probability: 40, requiredFields: ['contactId'] },
  { id: 'quote', label: { 'zh-CN': '报价', en: 'Quote' }, kind: 'open', probability: 60, requiredFields: ['contactId', 'amountMinor'] },
  { id: 'contract', label: { 'zh-CN': '合同', en: 'Contract' }, kind: 'open', probability: 80, requiredFields: ['contactId', 'amountMinor', 'expectedCloseAt'] },
  { id: 'payment', label: { 'zh-CN': '回款', en: 'Payment collected' }, kind: 'won', probability: 100, requiredFields: ['contactId', 'amountMinor'] },
  { id: 'lost', label: { 'zh-CN': '输单', en: 'Lost' }, kind: 'lost', probability: 0, requiredFields: ['lostReason'] },
];
