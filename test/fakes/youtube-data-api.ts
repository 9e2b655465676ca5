// A local fake of the YouTube Data API v3 `videos?part=statistics` endpoint, refusing what the real
// one refuses: a missing or wrong key (400 keyInvalid / 403), another `part`, more than 50 ids.
// Unknown or private videos are simply absent from `items`; counts are strings, and a hidden like
// count or disabled comments leave the field out, as the real API does.
import { createServer, type Server } from "node:http";

export interface FakeVideo {
  viewCount?: string;
  likeCount?: string;
  commentCount?: string;
}

export class FakeYoutubeDataApi {
  readonly videos = new Map<string, FakeVideo>();
  readonly requests: URL[] = [];
  /** the next requests answer this status (e.g. 500, 403 quotaExceeded) */
  failWith: number | null = null;
  private server: Server | null = null;

  constructor(readonly key: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://fake");
      this.requests.push(url);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (url.pathname !== "/youtube/v3/videos") return send(404, { error: { code: 404 } });
      if (url.searchParams.get("key") !== this.key) return send(400, { error: { code: 400, errors: [{ reason: "keyInvalid" }] } });
      if (this.failWith) return send(this.failWith, { error: { code: this.failWith } });
      if (url.searchParams.get("part") !== "statistics") return send(400, { error: { code: 400, errors: [{ reason: "unexpectedPart" }] } });
      const ids = (url.searchParams.get("id") ?? "").split(",").filter(Boolean);
      if (ids.length > 50) return send(400, { error: { code: 400, errors: [{ reason: "tooManyIds" }] } });
      send(200, {
        kind: "youtube#videoListResponse",
        items: ids.filter((id) => this.videos.has(id)).map((id) => ({ kind: "youtube#video", id, statistics: { ...this.videos.get(id), favoriteCount: "0" } })),
        pageInfo: { totalResults: ids.length, resultsPerPage: ids.length },
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/youtube/v3`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
