import { describe, expect, it } from "vitest";
import { requireApiAuth } from "@/lib/api/api-route";
import { basicCredentials, checkBasicAuth, parseCredentialList, sameSecret } from "@/lib/api/basic-auth";
import { ApiError } from "@/lib/api/errors";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("credential list", () => {
  it("parses user:pass pairs; the password keeps any further colons", () => {
    expect(parseCredentialList("u:p, admin:se:cret,broken,")).toEqual([
      { user: "u", password: "p" },
      { user: "admin", password: "se:cret" },
    ]);
    expect(parseCredentialList(undefined)).toEqual([]);
  });
});

describe("Basic auth check", () => {
  const allowed = parseCredentialList("u:p,u2:p2");

  it("accepts any configured pair and nothing else", () => {
    expect(checkBasicAuth(basic("u", "p"), allowed)).toBe("ok");
    expect(checkBasicAuth(basic("u2", "p2"), allowed)).toBe("ok");
    expect(checkBasicAuth(basic("u", "p2"), allowed)).toBe("wrong");
    expect(checkBasicAuth(basic("u", "pp"), allowed)).toBe("wrong");
    expect(checkBasicAuth(basic("", ""), allowed)).toBe("wrong");
  });

  it("treats absent or malformed headers as missing, and no configuration as open", () => {
    expect(checkBasicAuth(null, allowed)).toBe("missing");
    expect(checkBasicAuth("Bearer abc", allowed)).toBe("missing");
    expect(checkBasicAuth(`Basic ${Buffer.from("nocolon").toString("base64")}`, allowed)).toBe("missing");
    expect(checkBasicAuth(null, [])).toBe("ok");
  });

  it("decodes UTF-8 credentials", () => {
    expect(basicCredentials(basic("jörg", "pä:ss"))).toEqual({ user: "jörg", password: "pä:ss" });
  });

  it("compares secrets of different lengths without throwing (digests are equal-length)", () => {
    expect(sameSecret("a", "a much longer secret")).toBe(false);
    expect(sameSecret("same", "same")).toBe(true);
  });
});

describe("requireApiAuth", () => {
  const request = (authorization?: string) => new Request("http://x/sdapi/v1/options", { headers: authorization ? { authorization } : {} });

  it("throws FastAPI HTTPBasic's 401s with a Basic challenge", () => {
    for (const [header, detail] of [[undefined, "Not authenticated"], [basic("u", "nope"), "Incorrect username or password"]] as const) {
      try {
        requireApiAuth(request(header), "u:p");
        throw new Error("expected a 401");
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        expect(e).toMatchObject({ status: 401, detail, headers: { "WWW-Authenticate": "Basic" } });
      }
    }
  });

  it("passes correct credentials and everything when no auth is configured", () => {
    expect(() => requireApiAuth(request(basic("u", "p")), "u:p")).not.toThrow();
    expect(() => requireApiAuth(request(), undefined)).not.toThrow();
  });
});
