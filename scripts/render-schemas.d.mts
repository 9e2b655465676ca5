// Types for render-schemas.mjs (plain JavaScript so that postinstall needs no TypeScript loader).
export declare const PROVIDERS: readonly ["sqlite", "postgresql"];
export type Provider = (typeof PROVIDERS)[number];
export declare const prismaDir: string;
export declare function schemaPath(provider: Provider): string;
export declare function renderSchema(provider: Provider, models: string): string;
export declare function readModels(): string;
export declare function renderAll(): Record<Provider, string>;
