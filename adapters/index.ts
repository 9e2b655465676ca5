// Which components run besides the core: one factory per platform (each starts only when its
// credentials are set), the console, the outbox dispatcher and the scheduler.
import type { ComponentFactory } from "../src/app.js";

export const componentFactories: ComponentFactory[] = [];
