/** One thing shown in the conversation, whether it came from a live turn or the history API. */
export type ChatItem =
  | { kind: 'user'; id: string; at: string; text: string }
  | {
      kind: 'bot';
      id: string;
      at: string;
      text: string;
      format: 'markdown' | 'text';
      /** Confirmation prompts: the price is shown apart so it stands out. */
      price?: string;
    }
  | { kind: 'cards'; id: string; at: string; cards: ResponseCard[]; used: boolean }
  | {
      kind: 'reservation';
      id: string;
      at: string;
      status: 'confirmed' | 'failed';
      summary: string;
      price?: string;
      message?: string;
    }
  | {
      kind: 'image';
      id: string;
      at: string;
      status: 'uploading' | 'processing' | 'flipped' | 'rejected' | 'failed';
      fileName: string;
      /** The local preview (object URL) while uploading, the flipped copy once done. */
      url?: string;
      progress?: number;
      message?: string;
      sourceKey?: string;
    };

export interface ResponseCard {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  buttons: { text: string; value: string }[];
}

export const formatTime = (iso: string, locale?: string): string =>
  new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
