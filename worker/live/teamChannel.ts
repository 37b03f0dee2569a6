import { DurableObject } from 'cloudflare:workers';

/** The subprotocol both sides speak; the client offers it beside its bearer token. */
export const LIVE_PROTOCOL = 'sidecar.live.v1';

/**
 * One per team: holds the team's open WebSockets and tells them when there is something to
 * pull. Pokes carry only the team's new version, never data, so a poke a member may not see the
 * cause of costs one empty pull and leaks nothing; the pull stays the only way data arrives.
 * Uses the hibernation API: idle sockets cost nothing, and "ping" is answered without waking.
 */
export class TeamChannel extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Accepts a socket the worker has already authenticated (user id in the header). */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get('x-sidecar-user') ?? 'unknown';
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [userId]);
    return new Response(null, { status: 101, webSocket: client, headers: { 'sec-websocket-protocol': LIVE_PROTOCOL } });
  }

  /** Called after a push changed rows of this team. */
  async poke(version: number): Promise<number> {
    const message = JSON.stringify({ type: 'poke', version });
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
        sent++;
      } catch {
        /* closing; its client reconnects and pulls */
      }
    }
    return sent;
  }

  /** Closes one user's sockets (their token was revoked or they were removed). */
  async disconnect(userId: string): Promise<void> {
    for (const socket of this.ctx.getWebSockets(userId)) socket.close(4001, 'signed out');
  }

  override async webSocketMessage(): Promise<void> {
    // Clients only ever send "ping", which the auto-response answers.
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    try {
      socket.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      /* already closed */
    }
  }
}
