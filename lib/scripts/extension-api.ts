// What an extension's `register(api)` gets (docs/extensions.md#register): scripts, X/Y/Z axes, HTTP
// routes and settings are declared once, at load. Routes are served under the extension's prefix
// (`/<routePrefix>/<path>`, ADetailer's `/adetailer/v1/ad_model`) behind the same request gate as every
// other page and route of the server (docs/security.md#extension-routes).
import type { DetectorInfo } from "@/lib/detection/registry";
import type { ScriptDefinition } from "@/lib/scripts/script";
import type { ScriptPaths } from "@/lib/scripts/script-services";
import type { XyzAxis } from "@/lib/scripts/xyz-plot/axes";
import type { ExtensionSetting } from "@/lib/settings/extension-setting";
import type { Options } from "@/lib/settings/options";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a route handler gets besides the request. */
export interface RouteRequest {
  /**
   * The web request (`request.json()`, `new URL(request.url).searchParams`, headers); its `json()`, `text()` and
   * `arrayBuffer()` answer a client's bad body with the API's 413/415/422.
   */
  request: Request;
  /** The path below the prefix, "/v1/ad_model". */
  path: string;
  /** The stored settings, read for this request. */
  settings: Readonly<Options>;
  paths: ScriptPaths;
  /** The detectors installed now, as `ctx.services.detection.list()` gives them (ADetailer's `/v1/ad_model`). */
  detectors(): DetectorInfo[];
}

/** Returns a Response, or any JSON value (sent with status 200); a thrown error answers 500 without a stack trace. */
export type RouteHandler = (route: RouteRequest) => unknown;

export interface ExtensionRoute {
  method: RouteMethod;
  /** Below the extension's prefix, starting with "/": "/v1/ad_model". */
  path: string;
  handler: RouteHandler;
}

export interface ExtensionApi {
  /** The extension's folder name. */
  readonly id: string;
  /** Where its routes are mounted: "/<routePrefix>" (the manifest's `routePrefix`, default the folder name). */
  readonly routePrefix: string;
  registerScript(script: ScriptDefinition): void;
  /** An X/Y/Z plot axis, listed after the built-in ones (`[Name] …` by A1111's convention). */
  registerXyzAxis(axis: XyzAxis): void;
  registerRoute(route: ExtensionRoute): void;
  /**
   * A setting (A1111's `shared.opts.add_option`): it joins the settings catalogue under the extension's
   * section in the Settings tab, `/sdapi/v1/options`, `override_settings` and config.json, and hooks read it
   * from `ctx.services.settings[key]`. `section` names that section (default: the extension's manifest name);
   * settings of one section are drawn in the order they are registered.
   */
  registerSetting(setting: ExtensionSetting, section?: { id: string; label: string }): void;
}
