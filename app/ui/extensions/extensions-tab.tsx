"use client";
// The Extensions tab (A1111's "Installed" sub-tab): every extension folder with its status, an
// enable checkbox each, and "Apply and reload extensions" (A1111's "Apply and restart UI": nothing
// restarts here), which stores the choices and loads every extension again. The list is fetched the
// first time the tab is shown, so loading extensions never delays the page itself.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { applyExtensionChoices, listExtensions } from "@/app/actions/extensions";
import type { ExtensionInfo } from "@/lib/scripts/extension-registry";
import { StatusBadge } from "@/app/ui/extensions/status-badge";

interface ExtensionsTabProps {
  active: boolean;
}

const enabledMap = (extensions: readonly ExtensionInfo[]) => Object.fromEntries(extensions.map((e) => [e.id, e.status !== "disabled"]));

export function ExtensionsTab({ active }: ExtensionsTabProps) {
  const router = useRouter();
  const [extensions, setExtensions] = useState<ExtensionInfo[] | null>(null);
  const [enabled, setEnabled] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const show = (list: ExtensionInfo[]) => {
    setExtensions(list);
    setEnabled(enabledMap(list));
  };

  useEffect(() => {
    if (!active || extensions !== null) return;
    listExtensions()
      .then(show)
      .catch((e: unknown) => setMessage(`Could not list extensions: ${e instanceof Error ? e.message : String(e)}`));
  }, [active, extensions]);

  const apply = () =>
    startTransition(async () => {
      try {
        const result = await applyExtensionChoices(enabled);
        if (!result.ok) {
          setMessage(`Could not apply: ${result.error}`);
          return;
        }
        show(result.extensions);
        const what = result.changed.length > 0 ? `Changed: ${result.changed.join(", ")}.` : "Nothing changed.";
        setMessage(`${what} Extensions reloaded; their scripts change with the next generation.`);
        // Server-rendered parts of the page (script lists) pick up the new set; client state stays.
        router.refresh();
      } catch (e) {
        setMessage(`Could not apply: ${e instanceof Error ? e.message : String(e)}`);
      }
    });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <button
          id="extensions_apply"
          type="button"
          disabled={pending || extensions === null}
          onClick={apply}
          className="rounded bg-orange-600 px-4 py-2 font-semibold text-white hover:bg-orange-500 disabled:opacity-60"
        >
          {pending ? "Applying…" : "Apply and reload extensions"}
        </button>
        <p className="text-xs text-zinc-500">Enabling or disabling an extension takes effect for the next generation; running jobs keep their scripts.</p>
      </div>
      {message && (
        <p id="extensions_result" role="status" className="text-sm text-zinc-300">
          {message}
        </p>
      )}
      {extensions === null ? (
        <p className="text-sm text-zinc-500">Loading extensions…</p>
      ) : extensions.length === 0 ? (
        <p id="extensions_empty" className="text-sm text-zinc-500">
          No extensions installed. Put a folder with an extension.json into the extensions folder.
        </p>
      ) : (
        <table id="extensions_table" className="w-full border-collapse text-left text-sm">
          <thead className="border-b border-zinc-800 text-xs text-zinc-400">
            <tr>
              <th className="w-16 px-2 py-1">Enabled</th>
              <th className="px-2 py-1">Extension</th>
              <th className="px-2 py-1">Version</th>
              <th className="px-2 py-1">Scripts</th>
              <th className="px-2 py-1">Status</th>
            </tr>
          </thead>
          <tbody>
            {extensions.map((e) => (
              <ExtensionRow key={e.id} extension={e} enabled={enabled[e.id] ?? true} onToggle={(on) => setEnabled((m) => ({ ...m, [e.id]: on }))} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface ExtensionRowProps {
  extension: ExtensionInfo;
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
}

function ExtensionRow({ extension: e, enabled, onToggle }: ExtensionRowProps) {
  const checkboxId = `extension_enabled_${e.id}`;
  return (
    <tr data-extension-id={e.id} className="border-b border-zinc-900 align-top">
      <td className="px-2 py-2">
        <input id={checkboxId} type="checkbox" checked={enabled} onChange={(ev) => onToggle(ev.target.checked)} className="accent-orange-500" aria-label={`Enable ${e.name}`} />
      </td>
      <td className="px-2 py-2">
        <label htmlFor={checkboxId} className="font-medium text-zinc-200">
          {e.name}
        </label>
        {e.name !== e.id && <span className="ml-2 text-xs text-zinc-500">{e.id}</span>}
        {e.description && <p className="text-xs text-zinc-400">{e.description}</p>}
        {e.error && (
          <p data-extension-error="" role="alert" className="mt-1 font-mono text-xs break-all text-red-400">
            {e.error}
          </p>
        )}
      </td>
      <td className="px-2 py-2 text-zinc-400 tabular-nums">{e.version}</td>
      <td className="px-2 py-2 text-xs text-zinc-400">
        {[...e.scripts.map((s) => `${s.title} (${s.kind === "alwaysOn" ? "always on" : "selectable"}; ${s.tabs.join(", ")})`), ...e.xyzAxes.map((label) => `X/Y/Z axis ${label}`)].map(
          (line) => (
            <div key={line}>{line}</div>
          ),
        )}
      </td>
      <td className="px-2 py-2">
        <StatusBadge status={e.status} />
      </td>
    </tr>
  );
}
