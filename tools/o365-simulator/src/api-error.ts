// An API answer that is an error, in the service's body shape {"error":{"code","message"}}.
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): unknown {
    return { error: { code: this.code, message: this.message } };
  }
}

export const apiErrors = {
  missingParameter: (name: string) => new ApiError(400, 'AF20001', `Missing parameter: ${name}.`),
  invalidParameter: (name: string, type: string) => new ApiError(400, 'AF20002', `Invalid parameter type: ${name}. Expected type: ${type}`),
  tenantMismatch: (url: string, token: string) =>
    new ApiError(401, 'AF20010', `The tenant ID passed in the URL (${url}) does not match the tenant ID passed in the access token (${token}).`),
  tenantNotGuid: (url: string) => new ApiError(400, 'AF20013', `The tenant ID passed in the URL (${url}) is not a valid GUID.`),
  badContentType: () => new ApiError(400, 'AF20020', 'The specified content type is not valid.'),
  noSubscription: () => new ApiError(400, 'AF20022', 'No subscription found for the specified content type.'),
  alreadyEnabled: () => new ApiError(400, 'AF20024', 'The subscription is already enabled. No property change.'),
  badWindow: () =>
    new ApiError(
      400,
      'AF20055',
      'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time prior to end time and start time no more than 7 days in the past.',
    ),
  badNextPage: (value: string) => new ApiError(400, 'AF20031', `Invalid nextPage Input: ${value}.`),
  contentMissing: (id: string) => new ApiError(404, 'AF20050', `The specified content (${id}) does not exist.`),
  contentExpired: (id: string) => new ApiError(400, 'AF20051', `Content requested with the key ${id} has already expired. Content older than 7 days cannot be retrieved.`),
  contentIdInvalid: (id: string) => new ApiError(400, 'AF20052', `Content ID ${id} in the URL is invalid.`),
  languages: () => new ApiError(400, 'AF20053', 'Only one language may be present in the Accept-Language header.'),
  languageSyntax: () => new ApiError(400, 'AF20054', 'Invalid syntax in Accept-Language header.'),
  internal: (status: number) => new ApiError(status, 'AF50000', 'An internal error occurred. Retry the request.'),
  notFound: (path: string) => new ApiError(404, 'NotFound', `No API operation at ${path}.`),
  methodNotAllowed: (method: string) => new ApiError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`),
};
