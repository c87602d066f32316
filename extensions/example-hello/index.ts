// The smallest useful extension: an always-on script on both tabs that writes its greeting into
// the infotext and counts how often the UNet runs in a job (reported in the result's `info`).
// Values come from "@onyx/sdk" (here `defineScript`, which types `ctx.args` from `params`).
import { defineScript } from "@onyx/sdk";

const hello = defineScript({
  title: "Hello",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: [
    // Off unless a request turns it on, as A1111 extensions ship: installed is not the same as active.
    { name: "enabled", type: "bool", default: false },
    { name: "greeting", type: "string", default: "hello" },
  ],
  hooks: {
    process(ctx) {
      if (ctx.args.enabled) ctx.setInfotext("Hello", ctx.args.greeting);
      ctx.state.set("unetCalls", 0);
    },
    wrapUnet(inner, ctx) {
      return (batch) => {
        ctx.state.set("unetCalls", Number(ctx.state.get("unetCalls") ?? 0) + 1);
        return inner(batch);
      };
    },
    postprocess(ctx, result) {
      // Its own field appears only in jobs that enabled it.
      if (ctx.args.enabled) result.info.hello_unet_calls = ctx.state.get("unetCalls") ?? 0;
    },
  },
});

export const scripts = [hello];
