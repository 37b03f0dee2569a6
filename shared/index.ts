export * from './schema';
export * from './api';
export * from './rules/defaultPipeline';
export * from './rules/stageGate';
export * from './rules/visibility';
export * from './rules/money';
export * from './rules/dedup';
