import type { Env } from '../env';

/** Pokes every open device of a team; failures are logged, never fatal (the alarm still pulls). */
export async function pokeTeam(env: Env, teamId: string, version: number): Promise<void> {
  try {
    await env.TEAM_CHANNEL.get(env.TEAM_CHANNEL.idFromName(teamId)).poke(version);
  } catch (err) {
    console.warn('live poke failed', err instanceof Error ? err.message : err);
  }
}
