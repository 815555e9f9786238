import { formatFunctionLog } from '../../src/cli/format-function-log';

const ESC = '\u001b[';
/** The SGR code a line starts with (`36` for cyan), or undefined when it starts uncoloured. */
const leadingColour = (line: string) =>
  line.startsWith(ESC) ? line.slice(ESC.length, line.indexOf('m')) : undefined;
const powertools = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 'INFO',
    message: 'Timeline entry recorded',
    timestamp: '2026-12-01T13:00:00.000Z',
    service: 'conversation-history',
    sampling_rate: 0,
    xray_trace_id: '1-67890abc-def',
    function_arn: 'arn:aws:lambda:us-east-1:000000000000:function:RecordEvents',
    function_memory_size: '256',
    function_request_id: 'c0ffee',
    function_name: 'RecordEvents',
    ...fields,
  });

describe('formatFunctionLog', () => {
  it('shows a Powertools JSON line as LEVEL message key=value, without the fields every line has', () => {
    const line = powertools({ cold_start: true, conversationId: 'conv-1', counts: { turns: 2 } });

    expect(formatFunctionLog('RecordEvents', line, false)).toBe(
      '[RecordEvents] INFO  Timeline entry recorded cold_start=true conversationId=conv-1 counts={"turns":2}',
    );
  });

  it("reads the JSON after the Node runtime's time / request id / level prefix", () => {
    const line = `2026-12-01T13:00:00.000Z\tc0ffee\tERROR\t${powertools({ level: 'ERROR', message: 'Write failed', error: { name: 'ConditionalCheckFailedException' } })}`;

    expect(formatFunctionLog('RecordEvents', line, false)).toBe(
      '[RecordEvents] ERROR Write failed error={"name":"ConditionalCheckFailedException"}',
    );
  });

  it('prefixes a plain line and keeps it as it is', () => {
    expect(formatFunctionLog('Fulfilment', 'START RequestId: 42 Version: $LATEST', false)).toBe(
      '[Fulfilment] START RequestId: 42 Version: $LATEST',
    );
  });

  it('shows malformed JSON, and JSON that is no Powertools line, as it is', () => {
    const broken = '{"level":"INFO","message":"half a line",';
    const notALogEntry = '{"statusCode":200,"body":"{}"}';

    expect(formatFunctionLog('Fulfilment', broken, false)).toBe(`[Fulfilment] ${broken}`);
    expect(formatFunctionLog('Fulfilment', `${broken}}`, false)).toBe(`[Fulfilment] ${broken}}`);
    expect(formatFunctionLog('Fulfilment', notALogEntry, false)).toBe(
      `[Fulfilment] ${notALogEntry}`,
    );
  });

  it('colours the prefix per function (the same colour every time) and the level by severity', () => {
    const error = formatFunctionLog('RecordEvents', powertools({ level: 'ERROR' }), true);
    const info = formatFunctionLog('RecordEvents', powertools({}), true);

    const prefixColour = leadingColour(error);
    expect(prefixColour).toMatch(/^\d+$/);
    expect(error.startsWith(`${ESC}${prefixColour}m[RecordEvents]${ESC}39m `)).toBe(true);
    expect(info.startsWith(`${ESC}${prefixColour}m[RecordEvents]${ESC}39m `)).toBe(true);
    expect(error).toContain(`${ESC}31mERROR${ESC}39m`); // red
    expect(info).toContain(`${ESC}32mINFO `); // green
    // Different functions are told apart: not every name lands on the same colour.
    const colours = new Set(
      ['RecordEvents', 'Fulfilment', 'FlipImage', 'ValidateUpload', 'CreateConversation'].map(
        (name) => leadingColour(formatFunctionLog(name, 'x', true)),
      ),
    );
    expect(colours.size).toBeGreaterThan(1);
  });

  it('writes no escape codes with colour off', () => {
    const lines = [powertools({ level: 'WARN', retry: 2 }), 'plain line'].map((line) =>
      formatFunctionLog('RecordEvents', line, false),
    );

    for (const line of lines) expect(line).not.toContain('\u001b');
  });
});
