// nlp.js ships no type declarations: these cover the part of its API the runtime uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get<T>(name: string): T;
    registerConfiguration(
      tag: string,
      settings: Record<string, unknown>,
      overwrite?: boolean,
    ): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/nlp' {
  export interface NlpResult {
    intent: string;
    score: number;
    classifications?: { intent: string; score: number }[];
  }
  export class Nlp {
    settings: Record<string, unknown>;
    addLanguage(language: string): void;
    addDocument(language: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(language: string, text: string): Promise<NlpResult>;
  }
}
