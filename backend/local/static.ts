import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { closeServer, listen } from "./http-server.ts";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticFilesOptions {
  /**
   * Headers for every response, errors included: the Porch site's (infra/hosting.ts). Given
   * whether the request is a CORS request (carries `Origin`). Default: none beyond nosniff.
   */
  headers?: (corsRequest: boolean) => Record<string, string>;
  /**
   * Files whose `Content-Type` is declared rather than taken from the extension, by their path
   * under a root without the leading slash (the Porch site's `declaredFiles`, infra/hosting.ts).
   */
  contentTypes?: Readonly<Record<string, { contentType: string }>>;
  /** Rewrites an HTML page before it is served (the demo blog fills in its embed). */
  renderHtml?: (html: string) => string;
  /** Serves only these request paths (404 for the rest). Default: every file under the roots. */
  only?: ReadonlySet<string>;
}

/**
 * Serves files from a list of folders, first match wins. No caching, so a rebuilt widget shows
 * on reload; nothing outside the folders is reachable. Every response, errors included, says
 * `nosniff`; an error's body is a fixed plain-text line that never repeats the request.
 */
export function staticFiles(roots: string[], options: StaticFilesOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = {
      "x-content-type-options": "nosniff",
      ...options.headers?.(req.headers.origin !== undefined),
    };
    const fail = (status: number, text: string, extra: Record<string, string> = {}) => {
      res
        .writeHead(status, { ...headers, ...extra, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" })
        .end(`${text}\n`);
    };
    const url = new URL(req.url ?? "/", "http://localhost");
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      fail(400, "bad path");
      return;
    }
    if (options.only && !options.only.has(path)) {
      fail(404, "not found");
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    for (const root of roots) {
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) continue;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      // Only files are served, so anything else (an API's path, whatever the method) is not found.
      if (req.method !== "GET" && req.method !== "HEAD") {
        fail(405, "method not allowed", { allow: "GET, HEAD" });
        return;
      }
      const type = options.contentTypes?.[path.slice(1)]?.contentType ?? contentTypes[extname(file)] ?? "application/octet-stream";
      const rendered =
        options.renderHtml && extname(file) === ".html" ? Buffer.from(options.renderHtml(await readFile(file, "utf8"))) : null;
      res.writeHead(200, {
        ...headers,
        "content-type": type,
        "content-length": rendered?.length ?? info.size,
        "cache-control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else if (rendered) res.end(rendered);
      else createReadStream(file).pipe(res);
      return;
    }
    fail(404, "not found");
  };
}

export interface StaticServer {
  /** `http://host:port/` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** `staticFiles` on a server of its own. Default: a free port on 127.0.0.1. */
export async function startStaticServer(
  roots: string[],
  options: StaticFilesOptions & { port?: number; host?: string } = {},
): Promise<StaticServer> {
  const serve = staticFiles(roots, options);
  const server = createServer((req, res) => void serve(req, res));
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port ?? 0, host);
  return { url: `http://${host}:${port}/`, server, close: () => closeServer(server) };
}
