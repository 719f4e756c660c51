import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SyslogFrame, SyslogFrameSplitter } from './syslog-framing.js';

function split(
  input: Buffer | string,
  maxMessageBytes = 1024,
  chunkSizes: number[] = [input.length],
): SyslogFrame[] {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const splitter = new SyslogFrameSplitter({ maxMessageBytes });
  const frames: SyslogFrame[] = [];
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length] ?? bytes.length);
    frames.push(...splitter.push(bytes.subarray(pos, pos + size)));
    pos += size;
  }
  frames.push(...splitter.end());
  return frames;
}

const messages = (frames: SyslogFrame[]) => frames.map((f) => (f.ok ? f.message : `! ${f.reason}`));

describe('syslog framing (RFC 6587)', () => {
  // §3.4.1 Octet Counting: `SYSLOG-FRAME = MSG-LEN SP SYSLOG-MSG`, MSG-LEN in octets.
  it('reads octet-counted frames, whose messages may hold LFs and multibyte characters', () => {
    const one = '<13>1 - h a - - - two\nlines';
    const two = '<13>1 - h a - - - é🙂';
    const input = `${Buffer.byteLength(one)} ${one}${Buffer.byteLength(two)} ${two}`;
    expect(messages(split(input))).toEqual([one, two]);
    expect(messages(split(input, 1024, [1]))).toEqual([one, two]);
  });

  // §3.4.2 Non-Transparent-Framing: LF-terminated; CRLF and a missing last LF are tolerated.
  it('reads LF-framed messages, detecting the framing per message', () => {
    const input = '<13>a\n<14>b\r\n\n12 <15>counted!<16>c\n<17>last';
    expect(messages(split(input))).toEqual(['<13>a', '<14>b', '<15>counted!', '<16>c', '<17>last']);
  });

  it('skips an oversized message by its count, or to its LF, and goes on', () => {
    const input = `30 <13>${'x'.repeat(26)}<14>ok\n<15>${'y'.repeat(40)}\n<16>fine\n`;
    const frames = split(input, 20, [7]);
    expect(messages(frames)).toEqual(['! oversized', '<14>ok', '! oversized', '<16>fine']);
    expect(frames[0]).toMatchObject({
      issue: { message: 'at byte 0 of the stream: message of 30 bytes exceeds the limit of 20' },
    });
    expect(frames[2]).toMatchObject({
      issue: { message: 'at byte 40 of the stream: message exceeds the limit of 20 bytes before its LF' },
    });
  });

  it('reports a count that is no count and resyncs at the next LF', () => {
    const frames = split('12x <13>a\n<14>b\n99999999999 <15>c\n<16>d\n5<13>e\n<17>f\n');
    expect(messages(frames)).toEqual(['! framing', '<14>b', '! framing', '<16>d', '! framing', '<17>f']);
    expect(frames[0]).toMatchObject({
      issue: {
        message: 'at byte 0 of the stream: a frame starting with a digit must be "LENGTH SP MESSAGE"',
      },
    });
  });

  // MSG-LEN = NONZERO-DIGIT *DIGIT: a leading 0 is no count, so the frame runs to its LF.
  it('takes a frame starting with 0 as LF-framed', () => {
    expect(messages(split('0 <13>a\n<14>b\n'))).toEqual(['0 <13>a', '<14>b']);
  });

  it('reports a stream that ends inside an octet-counted message', () => {
    expect(split('20 <13>short').at(-1)).toMatchObject({
      ok: false,
      issue: { message: 'at byte 3 of the stream: stream ended inside a message: 9 of 20 bytes' },
    });
  });

  const message = fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('\n', '\r', ' ', '1', 'é', '🙂', '\0'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 30,
    })
    .map((body) => `<13>${body}`);
  const framed = fc.oneof(
    message.map((text) => ({ text, bytes: `${Buffer.byteLength(text)} ${text}` })),
    message
      .map((text) => text.replace(/[\n\r]/g, ' '))
      .map((text) => ({ text, bytes: `${text}${text.length % 2 === 0 ? '\n' : '\r\n'}` })),
  );

  it('yields every message, however the stream is cut into chunks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(framed, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }),
        (frames, cuts) => {
          const input = Buffer.from(frames.map((f) => f.bytes).join(''));
          expect(messages(split(input, 1024, cuts))).toEqual(frames.map((f) => f.text));
        },
      ),
    );
  });

  it('never throws on arbitrary bytes, and never yields a message over the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }),
        (bytes, cuts) => {
          for (const frame of split(Buffer.from(bytes), 16, cuts)) {
            if (frame.ok) expect(Buffer.byteLength(frame.message)).toBeLessThanOrEqual(16 * 3);
            else expect(frame.issue.message).toMatch(/^at byte \d+ of the stream: /);
          }
        },
      ),
    );
  });
});
