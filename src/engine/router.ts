// The router: middleware composed like grammY/Koa ((ctx, next)), then one dispatch per event:
// commands by name, button actions by id (exact, or a "prefix.*" family), forms by form id,
// and everything else (free text, unclaimed actions) to the active flow's handler.
import type { Context, Handler, Middleware } from "./context.js";

/** Registers handlers on the engine's router (manager plugin, tests). */
export type EnginePlugin = (router: Router) => void;

export class Router {
  private readonly middleware: Middleware[] = [];
  private readonly commands = new Map<string, Handler>();
  private readonly actions = new Map<string, Handler>();
  private readonly actionPrefixes: { prefix: string; handler: Handler }[] = [];
  private readonly forms = new Map<string, Handler>();
  private readonly flows = new Map<string, Handler>();
  private readonly flowButtons = new Map<string, string>();
  private fallbackHandler: Handler | undefined;
  private unknownCommandHandler: Handler | undefined;

  /** runs before dispatch, in registration order; call next() to continue */
  use(mw: Middleware): this {
    this.middleware.push(mw);
    return this;
  }

  /** a slash command by name (lower case, no slash); registering twice is an error */
  command(names: string | string[], handler: Handler): this {
    for (const n of Array.isArray(names) ? names : [names]) {
      const key = n.toLowerCase();
      if (this.commands.has(key)) throw new Error(`command /${key} registered twice`);
      this.commands.set(key, handler);
    }
    return this;
  }

  /** a button action id; "mission.*" matches every id starting with "mission." */
  action(ids: string | string[], handler: Handler): this {
    for (const id of Array.isArray(ids) ? ids : [ids]) {
      if (id.endsWith("*")) this.actionPrefixes.push({ prefix: id.slice(0, -1), handler });
      else {
        if (this.actions.has(id)) throw new Error(`action ${id} registered twice`);
        this.actions.set(id, handler);
      }
    }
    return this;
  }

  /** a submitted form by form id */
  form(formId: string, handler: Handler): this {
    if (this.forms.has(formId)) throw new Error(`form ${formId} registered twice`);
    this.forms.set(formId, handler);
    return this;
  }

  /**
   * free text and unclaimed actions/forms while the conversation is in this flow. `buttons`: the
   * action prefix of the flow's step buttons (e.g. "onb."): they carry the flow version, so a
   * click on a step that is over is answered as stale (button-versions.ts).
   */
  flow(name: string, handler: Handler, options: { buttons?: string } = {}): this {
    if (this.flows.has(name)) throw new Error(`flow ${name} registered twice`);
    this.flows.set(name, handler);
    if (options.buttons) this.flowButtons.set(name, options.buttons);
    return this;
  }

  /** the action prefix of a flow's step buttons, if it declared one */
  stepButtonPrefix(flow: string): string | undefined {
    return this.flowButtons.get(flow);
  }

  /** text or an action nobody handles (outside a flow) */
  fallback(handler: Handler): this {
    this.fallbackHandler = handler;
    return this;
  }

  unknownCommand(handler: Handler): this {
    this.unknownCommandHandler = handler;
    return this;
  }

  hasCommand(name: string): boolean {
    return this.commands.has(name.toLowerCase());
  }

  commandNames(): string[] {
    return [...this.commands.keys()];
  }

  async handle(ctx: Context): Promise<void> {
    const chain = [...this.middleware, (c: Context) => this.dispatch(c)];
    const run = async (i: number): Promise<void> => {
      const mw = chain[i];
      if (!mw) return;
      let called = false;
      await mw(ctx, async () => {
        if (called) throw new Error("next() called twice");
        called = true;
        await run(i + 1);
      });
    };
    await run(0);
  }

  private resolve(ctx: Context): Handler | undefined {
    const p = ctx.event.payload;
    const inFlow = ctx.flow.current ? this.flows.get(ctx.flow.current.flow) : undefined;
    switch (p.type) {
      case "command":
        return this.commands.get(p.name.toLowerCase()) ?? this.unknownCommandHandler;
      case "action":
        return (
          this.actions.get(p.id) ??
          this.actionPrefixes.find((a) => p.id.startsWith(a.prefix))?.handler ??
          inFlow ??
          this.fallbackHandler
        );
      case "form":
        return this.forms.get(p.formId) ?? inFlow ?? this.fallbackHandler;
      case "text":
        return inFlow ?? this.fallbackHandler;
    }
  }

  private async dispatch(ctx: Context): Promise<void> {
    const handler = this.resolve(ctx);
    if (handler) await handler(ctx);
  }
}
