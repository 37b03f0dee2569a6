import type { PipelineSettings, Stage } from '../schema/pipeline';

/** The pipeline a new team starts with; admins may edit it in the dashboard's pipeline settings. */
export const DEFAULT_STAGES: Stage[] = [
  { id: 'lead', label: { 'zh-CN': '线索', en: 'Lead' }, kind: 'open', probability: 5, color: '#94a3b8', requiredFields: [] },
  { id: 'first_visit', label: { 'zh-CN': '初访', en: 'First visit' }, kind: 'open', probability: 10, color: '#60a5fa', requiredFields: ['contactId'] },
  { id: 'needs', label: { 'zh-CN': '需求确认', en: 'Needs confirmed' }, kind: 'open', probability: 25, color: '#3b82f6', requiredFields: ['contactId'] },
  { id: 'proposal', label: { 'zh-CN': '方案', en: 'Proposal' }, kind: 'open', probability: 40, color: '#6366f1', requiredFields: ['contactId'] },
  { id: 'quote', label: { 'zh-CN': '报价', en: 'Quote' }, kind: 'open', probability: 60, color: '#8b5cf6', requiredFields: ['contactId', 'amountMinor'] },
  { id: 'contract', label: { 'zh-CN': '合同', en: 'Contract' }, kind: 'open', probability: 80, color: '#f59e0b', requiredFields: ['contactId', 'amountMinor', 'expectedCloseAt', 'contractNumber', 'signedAt'] },
  { id: 'payment', label: { 'zh-CN': '回款', en: 'Payment collected' }, kind: 'won', probability: 100, color: '#16a34a', requiredFields: ['contactId', 'amountMinor', 'collectedAmountMinor', 'collectedAt'] },
  { id: 'lost', label: { 'zh-CN': '输单', en: 'Lost' }, kind: 'lost', probability: 0, color: '#dc2626', requiredFields: ['lostReason'] },
];

export const DEFAULT_PIPELINE: PipelineSettings = { stages: DEFAULT_STAGES, customFields: [], allowSkip: false };
