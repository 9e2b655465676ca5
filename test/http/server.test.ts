// The HTTP app over real HTTP: sub-apps mounted before and after listen, Node-style handlers,
// 404 vs 405, the error boundary (500 only for real failures), the body cap, and draining.
import { afterEach, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import { z } from "zod";
import { HttpServer } from "../../src/http/server.js";
import { readJson } from "../../src/http/body.js";
import { capturingLogger } from "../helpers/log.js";

/** A GET /slow on `sub`: `inside` resolves once a request is in it; it answers "done" after release(). */
function slowRoute(sub: Hono): { inside: Promise<void>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  sub.get("/slow", async (c) => {
    entered();
    await gate;
    return c.text("done");
  });
  return { inside, release };
}

describe("http server (Hono)", () => {
  let http: HttpServer | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it("given sub-apps mounted before and after listen and a Node handler then each answers; unknown paths 404, known paths with another method 405", async () => {
    const { log } = capturingLogger();
    http = new HttpServer(log);
    const early = new Hono();
    early.get("/early", (c) => c.text("early"));
    http.mount(early);
    const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    expect(await (await fetch(`${base}/early`)).text()).toBe("early");
    const late = new Hono();
    late.post("/late/:id", (c) => c.json({ id: c.req.param("id") }));
    http.mount(late);
    const bridged = new Hono();
    bridged.get("/bridged/*", (c) => c.text(`bridged ${c.req.path}`));
    http.route("GET", "/bridged/*", getRequestListener(bridged.fetch));
    expect(await (await fetch(`${base}/late/7`, { method: "POST" })).json()).toEqual({ id: "7" });
    expect(await (await fetch(`${base}/bridged/x`)).text()).toBe("bridged /bridged/x");
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/late/7`)).status).toBe(405);
    expect((await fetch(`${base}/early`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${base}/early`, { method: "HEAD" })).status).toBe(200);
  });

  it("given a route that fails then 500 with the code logged once; a refused body is 400/413 without an error log", async () => {
    const { log, errors } = capturingLogger();
    http = new HttpServer(log, { bodyLimit: 1000 });
    const sub = new Hono();
    sub.get("/boom", () => {
      throw Object.assign(new Error("db down"), { code: "db.unreachable" });
    });
    sub.post("/echo", async (c) => c.json(await readJson(c, z.object({ name: z.string().min(1) }), { limit: 100 })));
    http.mount(sub);
    const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).toBe("internal error");
    expect(errors()).toMatchObject([{ code: "db.unreachable", path: "/boom", msg: "http handler failed" }]);

    const post = (body: string | ReadableStream, init: RequestInit = {}) => fetch(`${base}/echo`, { method: "POST", body, headers: { "content-type": "application/json" }, ...init });
    expect(await (await post('{"name":"Ana"}')).json()).toEqual({ name: "Ana" });
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "invalid_json", message: "the body is not valid JSON" });
    const wrong = await post('{"name":""}');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_body", field: "name" });
    // over the route's cap, announced or streamed without a length; over the server's cap
    expect((await post(JSON.stringify({ name: "x".repeat(200) }))).status).toBe(413);
    const chunked = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(`{"name":"${"y".repeat(300)}"}`)); c.close(); } });
    expect((await post(chunked, { duplex: "half" } as RequestInit)).status).toBe(413);
    expect((await post(JSON.stringify({ name: "z".repeat(2000) }))).status).toBe(413);
    expect(errors()).toHaveLength(1);
  });

  it("given a request in flight when the server closes then close waits for it to finish and new connections are refused", async () => {
    const { log } = capturingLogger();
    http = new HttpServer(log);
    const sub = new Hono();
    const { inside, release } = slowRoute(sub);
    http.mount(sub);
    const port = await http.listen(0, "127.0.0.1");
    const slow = fetch(`http://127.0.0.1:${port}/slow`);
    await inside;
    let closed = false;
    const closing = http.close().then(() => (closed = true));
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    expect(await (await slow).text()).toBe("done");
    await closing;
    expect(closed).toBe(true);
    http = undefined;
  });

  it("given a second request on the open connection of a request in flight while draining then it is never handled and the first still finishes", async () => {
    const { log } = capturingLogger();
    http = new HttpServer(log);
    const sub = new Hono();
    const { inside, release } = slowRoute(sub);
    sub.get("/fast", (c) => c.text("fast"));
    http.mount(sub);
    const port = await http.listen(0, "127.0.0.1");
    const { connect } = await import("node:net");
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (d) => (received += String(d)));
    const ended = new Promise<void>((r) => socket.on("close", () => r()));
    socket.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    await inside;
    const closing = http.close();
    socket.write("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
    await new Promise((r) => setTimeout(r, 100));
    release();
    await closing;
    socket.end();
    await ended;
    const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    // Node closes the connection after the in-flight response (or the app answers 503 when the
    // request got through before): either way no new work starts while draining.
    expect(statuses[0]).toBe("200");
    expect(statuses.slice(1).every((s) => s === "503")).toBe(true);
    expect(received).toContain("done");
    expect(received).not.toContain("fast");
    http = undefined;
  });
});
