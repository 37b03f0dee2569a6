export * from './errors';
export * from './entities';
export * from './sync';
export * from './me';
export * from './dedup';
export * from './audit';
export * from './team';
export * from './handover';
