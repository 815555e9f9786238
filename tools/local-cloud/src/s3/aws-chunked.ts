/**
 * Whether a body is in the `aws-chunked` framing SDK v3 uses for streaming uploads (payload
 * signing per chunk, or trailing checksums), which s3rver would store verbatim.
 */
export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return (
    encoding.split(',').some((part) => part.trim() === 'aws-chunked') ||
    sha.startsWith('STREAMING-')
  );
}

/**
 * The payload inside an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n`
 * repeated, ended by a zero-size chunk and optional trailers. Malformed framing throws.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new Error('aws-chunked body ends inside a chunk header');
    const sizeText = body.subarray(offset, lineEnd).toString('latin1').split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) {
      throw new Error(`aws-chunked body has an invalid chunk size "${sizeText.slice(0, 20)}"`);
    }
    const size = Number.parseInt(sizeText, 16);
    const start = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (start + size > body.length)
      throw new Error('aws-chunked body is shorter than its chunk sizes');
    parts.push(body.subarray(start, start + size));
    offset = start + size;
    if (body.subarray(offset, offset + 2).toString('latin1') !== '\r\n') {
      throw new Error('aws-chunked chunk is not followed by CRLF');
    }
    offset += 2;
  }
}
