import { describe, expect, it } from "vitest";
import { basicCredentials, checkBasicAuth, CredentialError, parseCredentialFile, parseCredentialList, sameSecret } from "@/lib/security/basic-auth";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("credential list", () => {
  it("parses user:pass pairs; the password keeps any further colons; empty entries are skipped", () => {
    expect(parseCredentialList("u:p, admin:se:cret,,")).toEqual([
      { user: "u", password: "p" },
      { user: "admin", password: "se:cret" },
    ]);
    expect(parseCredentialList(undefined)).toEqual([]);
  });

  it("refuses an entry without a colon, user or password, naming its position and never its text", () => {
    for (const [spec, position] of [["u:p,broken", 2], [":secret", 1], ["u:p,admin:", 2]] as const) {
      expect(() => parseCredentialList(spec, "--auth")).toThrow(CredentialError);
      expect(() => parseCredentialList(spec, "--auth")).toThrow(`--auth: entry ${position} is not "user:password"`);
    }
    try {
      parseCredentialList("hunter2secret", "--auth");
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2");
    }
  });

  it("reads A1111's credentials file: pairs per line, commas between pairs, blank lines ignored", () => {
    expect(parseCredentialFile("alice:one\r\n\nbob:two, carol:th:ree\n", "auth.txt")).toEqual([
      { user: "alice", password: "one" },
      { user: "bob", password: "two" },
      { user: "carol", password: "th:ree" },
    ]);
    expect(() => parseCredentialFile("alice:one\nnonsense\n", "auth.txt")).toThrow('auth.txt line 2: entry 1 is not "user:password"');
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
