/**
 * A real loopback HTTP proxy for tests: forwards absolute-form requests (`GET http://host/path`) and
 * tunnels CONNECT, recording each request it is asked for, so a test can say what went through the
 * proxy and what it was asked to connect to. `hosts` maps test names to addresses (the proxy's own
 * DNS); `credentials` makes it answer 407 without a matching `Proxy-Authorization`; `connectPorts`
 * makes it refuse CONNECT to other ports with 403, as squid's default `deny CONNECT !SSL_ports` does.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

/** One request the proxy was asked for. */
export interface ProxiedRequest {
  /** "CONNECT" or the forwarded method. */
  method: string;
  /** CONNECT's `host:port`, or the absolute URL of a forwarded request. */
  target: string;
  /** The Host header the client sent (a forwarded request's origin sees the same). */
  host: string | undefined;
  proxyAuthorization: string | undefined;
  /** The status the proxy answered (200 for an opened tunnel). */
  status: number;
}

export interface TestProxyOptions {
  /** Names the proxy resolves itself (anything else goes to the system resolver). */
  hosts?: Record<string, string>;
  /** "user:password" the proxy requires; without it, none. */
  credentials?: string;
  /** The only ports CONNECT may reach (e.g. [443]); without it, any. */
  connectPorts?: number[];
}

export class TestProxy {
  readonly requests: ProxiedRequest[] = [];
  readonly #server: Server;
  readonly #options: TestProxyOptions;
  readonly #sockets = new Set<Socket>();
  url = "";

  private constructor(options: TestProxyOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      const recorded = this.#record(request, request.url ?? "");
      if (!this.#authorized(request)) {
        recorded.status = 407;
        response.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
        return;
      }
      let target: URL;
      try {
        target = new URL(request.url ?? "");
      } catch {
        recorded.status = 400;
        response.writeHead(400).end("not an absolute-form request");
        return;
      }
      const headers = { ...request.headers };
      delete headers["proxy-authorization"];
      delete headers["proxy-connection"];
      const upstream = httpRequest(
        {
          hostname: this.#resolve(target.hostname.replace(/^\[(.*)\]$/, "$1")),
          port: target.port === "" ? 80 : Number(target.port),
          path: `${target.pathname}${target.search}`,
          method: request.method,
          headers,
          agent: false,
        },
        (answer: IncomingMessage) => {
          recorded.status = answer.statusCode ?? 0;
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on("error", () => {
        recorded.status = 502;
        if (!response.headersSent) response.writeHead(502).end("upstream failed");
        else response.destroy();
      });
      request.pipe(upstream);
    });
    this.#server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    this.#server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
      const recorded = this.#record(request, request.url ?? "");
      if (!this.#authorized(request)) {
        recorded.status = 407;
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(request.url ?? "");
      if (match === null) {
        recorded.status = 400;
        client.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      if (this.#options.connectPorts !== undefined && !this.#options.connectPorts.includes(Number(match[2]))) {
        recorded.status = 403;
        client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      const upstream = connect(Number(match[2]), this.#resolve(match[1]!), () => {
        recorded.status = 200;
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.#sockets.add(upstream);
      upstream.on("close", () => this.#sockets.delete(upstream));
      upstream.on("error", () => {
        if (recorded.status === 0) {
          recorded.status = 502;
          client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        } else client.destroy();
      });
      client.on("error", () => upstream.destroy());
    });
  }

  static async start(options: TestProxyOptions = {}): Promise<TestProxy> {
    const proxy = new TestProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once("error", reject);
      proxy.#server.listen(0, "127.0.0.1", resolve);
    });
    proxy.url = `http://127.0.0.1:${(proxy.#server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The proxy's URL with credentials in it. */
  urlWith(credentials: string): string {
    return this.url.replace("http://", `http://${credentials}@`);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #record(request: IncomingMessage, target: string): ProxiedRequest {
    const recorded: ProxiedRequest = {
      method: request.method ?? "",
      target,
      host: request.headers.host,
      proxyAuthorization: request.headers["proxy-authorization"],
      status: 0,
    };
    this.requests.push(recorded);
    return recorded;
  }

  #authorized(request: IncomingMessage): boolean {
    if (this.#options.credentials === undefined) return true;
    return request.headers["proxy-authorization"] === `Basic ${Buffer.from(this.#options.credentials).toString("base64")}`;
  }

  #resolve(host: string): string {
    return this.#options.hosts?.[host.toLowerCase()] ?? host;
  }
}
