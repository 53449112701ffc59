// Why a record could not be normalized. A rejection is about one record: normalizeBlob reports it
// (RejectedRecord) and goes on with the others.

export type RecordRejectionCode =
  | 'not-an-object' // not a JSON object (null, array, string, number)
  | 'not-serializable' // cannot be written as JSON (circular, BigInt)
  | 'too-large' // serialized size over maxRecordBytes
  | 'missing-creation-time'
  | 'invalid-creation-time'
  | 'unexpected'; // a defect of the normalizer itself: reported, never allowed to sink a blob

export class RecordRejection extends Error {
  override readonly name = 'RecordRejection';
  /** Unprocessable content: retrying the same record gives the same answer. */
  readonly statusCode = 422;

  constructor(
    readonly code: RecordRejectionCode,
    message: string,
  ) {
    super(message);
  }

  /** The text a RejectedRecord carries: the code first, so reasons can be counted by kind. */
  get reason(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isRecordRejection(error: unknown): error is RecordRejection {
  return error instanceof RecordRejection;
}
