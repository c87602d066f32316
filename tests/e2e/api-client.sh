#!/usr/bin/env bash
# Client acceptance for the A1111-compatible API (issue 7): runs txt2img, img2img with a mask, extras
# and png-info against a running server and checks the answers' shapes, image sizes and infotexts.
# HTTP through curl, JSON and PNG checks through `node -e` (no jq, no Python packages needed).
# Usage: tests/e2e/api-client.sh http://127.0.0.1:7860   — exits non-zero on the first failure.
set -euo pipefail

BASE="${1:?usage: $0 BASE_URL}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Shared by every check: PNG size and text chunks read from the bytes, and a failing assertion.
JS_PRELUDE='
const fs = require("fs");
const zlib = require("zlib");
const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const fail = (msg) => { console.error("FAIL: " + msg); process.exit(1); };
const check = (ok, msg) => { if (!ok) fail(msg); };
function pngInfo(b64) {
  const png = Buffer.from(b64, "base64");
  check(png.subarray(1, 4).toString() === "PNG", "not a PNG");
  const text = {};
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("latin1");
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "tEXt") { const z = data.indexOf(0); text[data.subarray(0, z).toString("latin1")] = data.subarray(z + 1).toString("latin1"); }
    if (type === "iTXt") { const z = data.indexOf(0); let p = data.indexOf(0, z + 3); p = data.indexOf(0, p + 1); text[data.subarray(0, z).toString("latin1")] = data.subarray(p + 1).toString("utf8"); }
    at += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), text };
}
'

js() { node -e "$JS_PRELUDE$1" "${@:2}"; }

# POST $2 (a JSON file) to $1; the answer goes to $3; fails unless the status is 200.
post() {
  local status
  status="$(curl -sS -o "$3" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary "@$2" "$BASE$1")"
  if [ "$status" != "200" ]; then
    echo "FAIL: POST $1 answered $status: $(head -c 500 "$3")" >&2
    exit 1
  fi
}

echo "txt2img"
js 'fs.writeFileSync(process.argv[1], JSON.stringify({ prompt: "a lighthouse", negative_prompt: "fog", steps: 2, width: 64, height: 64, seed: 1234, cfg_scale: 6 }))' "$WORK/txt2img.json"
post /sdapi/v1/txt2img "$WORK/txt2img.json" "$WORK/txt2img.out"
js '
const r = read(process.argv[1]);
check(Array.isArray(r.images) && r.images.length === 1, "txt2img: expected one image");
check(typeof r.info === "string" && typeof r.parameters === "object", "txt2img: info must be a JSON string, parameters an object");
check(r.parameters.prompt === "a lighthouse" && r.parameters.steps === 2, "txt2img: parameters must echo the request");
const info = JSON.parse(r.info);
const png = pngInfo(r.images[0]);
check(png.width === 64 && png.height === 64, `txt2img: image is ${png.width}x${png.height}, expected 64x64`);
const expected = "a lighthouse\nNegative prompt: fog\nSteps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 6.0, Seed: 1234, Size: 64x64,";
check(info.infotexts[0].startsWith(expected), "txt2img: infotext starts " + JSON.stringify(info.infotexts[0].slice(0, 120)));
check(png.text.parameters === info.infotexts[0], "txt2img: the PNG parameters chunk must be the infotext");
check(info.seed === 1234 && info.width === 64 && info.height === 64, "txt2img: info seed/size");
fs.writeFileSync(process.argv[2], r.images[0]);
fs.writeFileSync(process.argv[3], info.infotexts[0]);
' "$WORK/txt2img.out" "$WORK/init.b64" "$WORK/txt2img.infotext"

echo "img2img with a mask"
js '
// A 64×64 greyscale PNG, white (repaint) on the left half, built with zlib only.
const crcOf = (b) => zlib.crc32(b);
const chunk = (type, data) => { const out = Buffer.alloc(12 + data.length); out.writeUInt32BE(data.length, 0); out.write(type, 4, "latin1"); data.copy(out, 8); out.writeUInt32BE(crcOf(out.subarray(4, 8 + data.length)), 8 + data.length); return out; };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(64, 0); ihdr.writeUInt32BE(64, 4); ihdr[8] = 8; ihdr[9] = 0;
const rows = Buffer.alloc(64 * 65); for (let y = 0; y < 64; y++) for (let x = 0; x < 32; x++) rows[y * 65 + 1 + x] = 255;
const mask = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
const init = fs.readFileSync(process.argv[1], "utf8");
const body = { prompt: "a lighthouse at night", init_images: ["data:image/png;base64," + init], mask: mask.toString("base64"), denoising_strength: 0.5, mask_blur: 4, inpainting_fill: 1, steps: 2, width: 64, height: 64, seed: 99 };
fs.writeFileSync(process.argv[2], JSON.stringify(body));
' "$WORK/init.b64" "$WORK/img2img.json"
post /sdapi/v1/img2img "$WORK/img2img.json" "$WORK/img2img.out"
js '
const r = read(process.argv[1]);
check(r.images.length === 1, "img2img: expected one image");
const png = pngInfo(r.images[0]);
check(png.width === 64 && png.height === 64, `img2img: image is ${png.width}x${png.height}, expected 64x64`);
const info = JSON.parse(r.info);
const text = info.infotexts[0];
for (const part of ["Steps: 2", "Seed: 99", "Denoising strength: 0.5", "Mask blur: 4", "Inpaint area: Only masked", "Masked area padding: 0"]) check(text.includes(part), `img2img: infotext lacks "${part}": ${text}`);
check(png.text.parameters === text, "img2img: the PNG parameters chunk must be the infotext");
check(info.denoising_strength === 0.5, "img2img: info.denoising_strength");
check(r.parameters.init_images === null && r.parameters.mask === null, "img2img: init_images and mask are echoed only with include_init_images");
check(r.parameters.inpaint_full_res === true && r.parameters.inpaint_full_res_padding === 0, "img2img: A1111 API inpaint defaults");
' "$WORK/img2img.out"

echo "extras"
js 'fs.writeFileSync(process.argv[2], JSON.stringify({ image: fs.readFileSync(process.argv[1], "utf8"), upscaler_1: "Lanczos", upscaling_resize: 2 }))' "$WORK/init.b64" "$WORK/extras.json"
post /sdapi/v1/extra-single-image "$WORK/extras.json" "$WORK/extras.out"
js '
const r = read(process.argv[1]);
check(typeof r.image === "string" && typeof r.html_info === "string", "extras: expected {html_info, image}");
const png = pngInfo(r.image);
check(png.width === 128 && png.height === 128, `extras: image is ${png.width}x${png.height}, expected 128x128`);
const expected = "Postprocess upscale by: 2.0, Postprocess upscaler: Lanczos";
check(r.html_info === `<p>${expected}</p>`, "extras: html_info " + r.html_info);
check(png.text.postprocessing === expected, "extras: the PNG postprocessing chunk");
check(png.text.parameters === fs.readFileSync(process.argv[2], "utf8"), "extras: the source image infotext must be kept");
' "$WORK/extras.out" "$WORK/txt2img.infotext"

echo "png-info"
js 'fs.writeFileSync(process.argv[2], JSON.stringify({ image: "data:image/png;base64," + fs.readFileSync(process.argv[1], "utf8") }))' "$WORK/init.b64" "$WORK/pnginfo.json"
post /sdapi/v1/png-info "$WORK/pnginfo.json" "$WORK/pnginfo.out"
js '
const r = read(process.argv[1]);
check(r.info === fs.readFileSync(process.argv[2], "utf8"), "png-info: info must be the infotext");
const p = r.parameters;
check(p.Prompt === "a lighthouse" && p["Negative prompt"] === "fog" && p.Seed === "1234" && p.Steps === "2" && p["Size-1"] === "64" && p["Size-2"] === "64", "png-info: parsed parameters " + JSON.stringify(p));
' "$WORK/pnginfo.out" "$WORK/txt2img.infotext"

echo "txt2img with string-typed values (as clients built on form fields send them)"
js 'fs.writeFileSync(process.argv[1], JSON.stringify({ prompt: "a lighthouse", steps: "2", width: "64", height: 64.0, seed: " 1234 ", cfg_scale: "6", batch_size: "1", restore_faces: "False", tiling: "false", send_images: "true" }))' "$WORK/strings.json"
post /sdapi/v1/txt2img "$WORK/strings.json" "$WORK/strings.out"
js '
const r = read(process.argv[1]);
const info = JSON.parse(r.info);
const png = pngInfo(r.images[0]);
check(png.width === 64 && png.height === 64, `strings: image is ${png.width}x${png.height}, expected 64x64`);
check(r.parameters.steps === 2 && r.parameters.seed === 1234 && r.parameters.cfg_scale === 6 && r.parameters.tiling === false, "strings: parameters must carry the coerced values " + JSON.stringify(r.parameters).slice(0, 200));
check(info.seed === 1234 && info.steps === 2, "strings: info seed/steps");
' "$WORK/strings.out"

echo "txt2img with null-typed values (A1111's Optional fields: null means the default)"
js 'fs.writeFileSync(process.argv[1], JSON.stringify({ prompt: "a lighthouse", steps: 2, width: 64, height: 64, seed: null, cfg_scale: null, n_iter: null, sampler_name: null, scheduler: null, styles: null, override_settings: null, negative_prompt: null }))' "$WORK/nulls.json"
post /sdapi/v1/txt2img "$WORK/nulls.json" "$WORK/nulls.out"
js '
const r = read(process.argv[1]);
const info = JSON.parse(r.info);
check(r.images.length === 1 && pngInfo(r.images[0]).width === 64, "nulls: one 64-wide image");
check(r.parameters.cfg_scale === 7 && r.parameters.n_iter === 1 && r.parameters.negative_prompt === "", "nulls: defaults in parameters " + JSON.stringify(r.parameters).slice(0, 200));
check(info.cfg_scale === 7 && info.sampler_name === "Euler", "nulls: info cfg_scale " + info.cfg_scale + ", sampler " + info.sampler_name);
' "$WORK/nulls.out"

echo "OK: txt2img (typed, string-typed, null-typed), img2img with a mask, extras and png-info answer as A1111 does"
