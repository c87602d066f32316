// `--auth user:pass` (ONYX_AUTH) protects the web UI — pages, server actions, /files, /internal,
// /api — with an HTTP Basic challenge; the browser then resends the credentials on every request.
// /sdapi is left out: its routes check `--api-auth` themselves (lib/api/api-route.ts), and keeping
// the proxy off them avoids the proxy's request-body buffering limit on large API bodies.
import { NextResponse, type NextRequest } from "next/server";
import { checkBasicAuth, parseCredentialList } from "@/lib/api/basic-auth";

export function proxy(request: NextRequest) {
  if (checkBasicAuth(request.headers.get("authorization"), parseCredentialList(process.env.ONYX_AUTH)) === "ok") {
    return NextResponse.next();
  }
  return new NextResponse("Authentication required", {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="Onyx", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
  });
}

export const config = {
  matcher: ["/((?!sdapi/|_next/static/|_next/image|favicon\\.ico).*)"],
};
