// Which request bodies count as JSON (docs/security.md#the-request-gate): `application/json` and the
// `application/*+json` family. A cross-site page can send text/plain or a form without a CORS preflight,
// never JSON, so routes that read JSON refuse the rest with 415.

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/** The media type of a Content-Type header ("text/plain;charset=UTF-8" → "text/plain"). */
export const mediaType = (contentType: string) => contentType.split(";")[0].trim().toLowerCase();

export const isJsonMediaType = (contentType: string) => JSON_MEDIA_TYPE.test(mediaType(contentType));

export const unsupportedMediaTypeDetail = (contentType: string) =>
  `Unsupported media type '${mediaType(contentType)}': send the body as application/json`;
