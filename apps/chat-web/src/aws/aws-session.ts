import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextResponse,
} from '@aws-sdk/client-lex-runtime-v2';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AppConfig } from '../config/app-config';
import { historyApi, type HistoryApi } from './history-api';
import { fileNameMetadata } from './upload-metadata';

/** The guest's view of AWS: one set of Cognito credentials behind every client. */
export interface AwsSession {
  history: HistoryApi;
  identityId(): Promise<string>;
  recognizeText(input: {
    sessionId: string;
    text: string;
    /**
     * The whole set Lex should store (it replaces the stored one); omitted, Lex keeps its own —
     * the guest role may not call GetSession, so a page that has not seen them sends none.
     */
    sessionAttributes?: Record<string, string>;
    /** Lex V2 request attributes: for this turn only, seen by the code hook. */
    requestAttributes?: Record<string, string>;
  }): Promise<RecognizeTextResponse>;
  /** MP3 of `text` in the bot's voice. */
  speak(text: string): Promise<Blob>;
  /**
   * PUT with upload progress (a presigned URL, since fetch reports no upload progress). The
   * file's name goes with it as S3 metadata, so the timeline can name the picture after a reload.
   */
  upload(
    key: string,
    file: File,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

export function awsSession(config: AppConfig): AwsSession {
  const endpoint = config.endpoint;
  const clientConfig = { region: config.region, ...(endpoint ? { endpoint } : {}) };
  // The unauthenticated identity id is kept by the SDK in the browser's IndexedDB or
  // localStorage, so the same guest (and their conversations) comes back after a reload.
  const credentials = fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    clientConfig,
  });
  const withCredentials = { ...clientConfig, credentials };
  const lex = new LexRuntimeV2Client(withCredentials);
  const polly = new PollyClient(withCredentials);
  const s3 = new S3Client({
    ...withCredentials,
    forcePathStyle: Boolean(endpoint),
    // A presigned PUT would otherwise carry the CRC32 of an empty body (the file is sent later,
    // by XHR for its progress events), which S3 refuses as a bad digest.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });

  return {
    history: historyApi({ baseUrl: config.historyApiUrl, region: config.region, credentials }),
    identityId: async () => (await credentials()).identityId,
    recognizeText: ({ sessionId, text, sessionAttributes, requestAttributes }) =>
      lex.send(
        new RecognizeTextCommand({
          botId: config.botId,
          botAliasId: config.botAliasId,
          localeId: config.localeId,
          sessionId,
          text,
          ...(sessionAttributes ? { sessionState: { sessionAttributes } } : {}),
          ...(requestAttributes ? { requestAttributes } : {}),
        }),
      ),
    speak: async (text) => {
      const result = await polly.send(
        new SynthesizeSpeechCommand({
          Text: text,
          VoiceId: config.voiceId as never,
          Engine: config.voiceEngine,
          OutputFormat: 'mp3',
        }),
      );
      if (!result.AudioStream) throw new Error('Polly returned no audio');
      const bytes = await result.AudioStream.transformToByteArray();
      return new Blob([bytes as BlobPart], { type: result.ContentType ?? 'audio/mpeg' });
    },
    upload: async (key, file, onProgress, signal) => {
      // The presigner hoists `x-amz-meta-*` into the signed query string (only content-type
      // stays a header), and S3 stores query-string metadata of a presigned PUT as if it came in
      // headers: the XHR sends no extra header, so the bucket's CORS rule needs none either.
      const url = await getSignedUrl(
        s3,
        new PutObjectCommand({
          Bucket: config.uploadsBucket,
          Key: key,
          ContentType: file.type,
          Metadata: fileNameMetadata(file.name),
        }),
        { expiresIn: 300 },
      );
      await new Promise<void>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', url);
        xhr.setRequestHeader('content-type', file.type);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress(event.loaded / event.total);
        };
        xhr.onload = () =>
          xhr.status >= 200 && xhr.status < 300
            ? resolve()
            : reject(
                Object.assign(new Error(`Upload failed: HTTP ${xhr.status}`), {
                  status: xhr.status,
                }),
              );
        xhr.onerror = () => reject(new TypeError('Upload failed: network error'));
        xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
        signal?.addEventListener('abort', () => xhr.abort());
        xhr.send(file);
      });
    },
  };
}
