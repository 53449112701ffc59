// Parses a blob's JSON array element by element as its bytes arrive (issue 13, memory), so the
// client never holds the whole body, its string and the records at once: only the records, the
// chunk in hand and the bytes of the element being read. It finds the end of each top-level element
// with a byte scanner (strings, escapes, nesting) and hands each element's bytes to JSON.parse, so
// JSON.parse still judges every value; the scanner only judges the array around them. Quote and
// backslash bytes never occur inside a multi-byte UTF-8 sequence, so scanning bytes is safe, and an
// element is decoded only once its bytes are complete.
//
// Why not a streaming JSON library: every well-kept one (stream-json, @streamparser/json) tokenizes
// every value in JavaScript and rebuilds the objects itself, several times slower than JSON.parse
// per element; the array framing is all that needs to be streamed here, and it is this file.

export type JsonArrayProblem =
  /** The body does not start with `[`: not an array at all (the caller parses it whole to say what it is). */
  | { readonly kind: 'not-an-array' }
  /** Broken JSON: a bad element, a missing comma, text after the array, or the body ended inside it. */
  | { readonly kind: 'invalid'; readonly message: string };

const Ch = { Quote: 0x22, Backslash: 0x5c, Comma: 0x2c, OpenBracket: 0x5b, CloseBracket: 0x5d, OpenBrace: 0x7b, CloseBrace: 0x7d } as const;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class JsonArrayReader {
  readonly items: unknown[] = [];
  private state: 'before' | 'value-or-end' | 'value' | 'comma-or-end' | 'element' | 'after' = 'before';
  /** Inside the current element: nesting depth, string and escape state, whether it is a bare scalar. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  /** Bytes of the current element from earlier chunks. */
  private pieces: Buffer[] = [];
  private bytesSeen = 0;
  private problem: JsonArrayProblem | undefined;

  /** Feeds the next chunk; returns a problem as soon as one is certain (then stop feeding). */
  push(chunk: Uint8Array): JsonArrayProblem | undefined {
    if (this.problem) return this.problem;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const length = bytes.length;
    let start = this.state === 'element' ? 0 : -1;
    let i = 0;
    while (i < length) {
      if (this.state === 'element') {
        i = this.scanElement(bytes, i, start);
        if (this.problem) return this.problem;
        continue;
      }
      const byte = bytes[i] as number;
      if (isWhitespace(byte)) {
        i += 1;
        continue;
      }
      switch (this.state) {
        case 'before':
          if (byte !== Ch.OpenBracket) return (this.problem = { kind: 'not-an-array' });
          this.state = 'value-or-end';
          break;
        case 'after':
          return this.fail(`text after the closing ] at byte ${this.bytesSeen + i}`);
        case 'comma-or-end':
          if (byte === Ch.Comma) this.state = 'value';
          else if (byte === Ch.CloseBracket) this.state = 'after';
          else return this.fail(`a comma or ] expected at byte ${this.bytesSeen + i}`);
          break;
        default: // 'value' | 'value-or-end'
          if (byte === Ch.CloseBracket && this.state === 'value-or-end') {
            this.state = 'after';
            break;
          }
          if (byte === Ch.Comma || byte === Ch.CloseBracket) return this.fail(`a value expected at byte ${this.bytesSeen + i}`);
          this.state = 'element';
          start = i;
          this.depth = byte === Ch.OpenBrace || byte === Ch.OpenBracket ? 1 : 0;
          this.inString = byte === Ch.Quote;
          this.escaped = false;
          this.scalar = !this.inString && this.depth === 0;
          if (!this.scalar) {
            i += 1;
            continue;
          }
          continue; // a scalar's first byte is scanned as part of it
      }
      i += 1;
    }
    if (this.state === 'element' && start >= 0) this.pieces.push(bytes.subarray(start));
    this.bytesSeen += length;
    return undefined;
  }

  /**
   * Scans the current element from `i`; returns where scanning stopped (the chunk's end, or just
   * after the element, which is then parsed). Strings are skipped with indexOf (native speed): a
   * quote closes the string unless an odd run of backslashes precedes it.
   */
  private scanElement(bytes: Buffer, from: number, start: number): number {
    const length = bytes.length;
    let i = from;
    let depth = this.depth;
    while (i < length) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        const quote = bytes.indexOf(Ch.Quote, i);
        const stop = quote < 0 ? length : quote;
        let backslashes = 0;
        for (let k = stop - 1; k >= i && bytes[k] === Ch.Backslash; k--) backslashes += 1;
        if (quote < 0) {
          this.escaped = backslashes % 2 === 1; // the next chunk's first byte is escaped
          i = length;
          break;
        }
        i = quote + 1;
        if (backslashes % 2 === 1) continue;
        this.inString = false;
        if (depth === 0) {
          this.depth = 0;
          this.complete(bytes, start, i);
          return i;
        }
        continue;
      }
      const byte = bytes[i] as number;
      if (this.scalar) {
        if (byte === Ch.Comma || byte === Ch.CloseBracket || isWhitespace(byte)) {
          this.complete(bytes, start, i);
          return i; // the delimiter is read again between elements
        }
      } else if (byte === Ch.Quote) this.inString = true;
      else if (byte === Ch.OpenBrace || byte === Ch.OpenBracket) depth += 1;
      else if (byte === Ch.CloseBrace || byte === Ch.CloseBracket) {
        depth -= 1;
        if (depth === 0) {
          this.depth = 0;
          this.complete(bytes, start, i + 1);
          return i + 1;
        }
      }
      i += 1;
    }
    this.depth = depth;
    return i;
  }

  /** The body ended: the records, or why the body is not a complete array. */
  end(): { items: unknown[] } | JsonArrayProblem {
    if (this.problem) return this.problem;
    if (this.state === 'element' && this.scalar) this.complete(Buffer.alloc(0), 0, 0);
    if (this.problem) return this.problem;
    if (this.state === 'before') return this.fail('the body is empty');
    if (this.state !== 'after') return this.fail(`the body ended inside the array after ${this.bytesSeen} bytes (truncated)`);
    return { items: this.items };
  }

  private complete(bytes: Buffer, start: number, end: number): void {
    const tail = bytes.subarray(start, end);
    const element = this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail]);
    this.pieces = [];
    try {
      this.items.push(JSON.parse(element.toString('utf8')));
    } catch (error) {
      this.fail(`element ${this.items.length} is not JSON: ${(error as Error).message}`);
      return;
    }
    this.state = 'comma-or-end';
  }

  private fail(message: string): JsonArrayProblem {
    this.problem = { kind: 'invalid', message };
    return this.problem;
  }
}
