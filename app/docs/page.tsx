// /docs — a plain list of the A1111-compatible API routes (the full schema is /openapi.json).
import { API_ROUTES } from "@/lib/api/routes";

export const metadata = { title: "Onyx API" };

export default function ApiDocsPage() {
  return (
    <main className="mx-auto max-w-3xl p-6 font-sans">
      <h1 className="mb-2 text-xl font-semibold">Onyx API (/sdapi/v1)</h1>
      <p className="mb-4 text-sm">
        A1111-compatible routes. Request and response schemas: <a className="underline" href="/openapi.json">/openapi.json</a>.
        With <code>--api-auth user:pass</code> every route needs HTTP Basic credentials.
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th className="pr-4">Method</th>
            <th className="pr-4">Path</th>
            <th>What it does</th>
          </tr>
        </thead>
        <tbody>
          {API_ROUTES.map((r) => (
            <tr key={`${r.method} ${r.path}`}>
              <td className="pr-4 font-mono">{r.method}</td>
              <td className="pr-4 font-mono">{r.path}</td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
