import { SELF } from 'cloudflare:test';

/** What the network does to the requests of one sync round. */
export type Fault =
  | 'none'
  | 'dropRequest' // never reaches the server
  | 'dropResponse' // the server applies it, the client hears nothing
  | 'duplicate' // delivered twice
  | 'delay' // the client gives up; the request reaches the server later, out of order
  | 'crash'; // the server applies the push, then the client dies before recording the answer

export class ClientCrashed extends Error {}

/**
 * A fetch in front of the real worker (SELF) that misbehaves on purpose. Delayed requests are
 * parked in a shared list and delivered later by the scenario, after newer requests.
 */
export class FaultyNetwork {
  fault: Fault = 'none';
  online = true;

  constructor(private readonly parked: Request[]) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (!this.online) throw new TypeError('Failed to fetch (offline)');
    const isPush = request.method === 'POST';
    switch (this.fault) {
      case 'dropRequest':
        throw new TypeError('Failed to fetch (request lost)');
      case 'delay':
        this.parked.push(request.clone());
        throw new TypeError('Failed to fetch (timed out)');
      case 'dropResponse': {
        await (await SELF.fetch(request)).arrayBuffer();
        throw new TypeError('Failed to fetch (response lost)');
      }
      case 'duplicate': {
        await (await SELF.fetch(request.clone())).arrayBuffer();
        return SELF.fetch(request);
      }
      case 'crash': {
        const response = await SELF.fetch(request);
        if (isPush) {
          await response.arrayBuffer();
          throw new ClientCrashed('client died after the server applied its push');
        }
        return response;
      }
      case 'none':
        return SELF.fetch(request);
    }
  };
}

export async function deliverParked(parked: Request[], count: number): Promise<void> {
  for (const request of parked.splice(0, count)) await (await SELF.fetch(request)).arrayBuffer();
}
