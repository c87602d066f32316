// The version infotexts carry. It keeps A1111's version first so that A1111 (and Onyx) apply no
// "older than 1.6/1.7" compatibility flags when such an infotext is pasted back.
export const ONYX_VERSION = "v1.10.1-onyx-0.1.0";
