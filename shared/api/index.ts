export * from './errors';
export * from './entities';
export * from './sync';
export * from './me';
export * from './dedup';
