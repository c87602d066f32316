// The circular-padding ("Tiling") copy of a UNet or VAE decoder graph, opened on first use and
// released with its model. A graph the rewrite refuses stays refused (it is asked once per model).
import { derivedModelFile } from "@/lib/models/derived-model";
import { OnnxSession } from "@/lib/models/onnx-session";
import { TilingUnsupported, withCircularPadding } from "@/lib/models/tiling-graph";

export class TiledVariant {
  private session: Promise<OnnxSession> | null = null;

  constructor(private readonly file: string) {}

  open(): Promise<OnnxSession> {
    if (!this.session) {
      const opening = Promise.resolve().then(() => OnnxSession.open(derivedModelFile(this.file, "tiling", withCircularPadding)));
      opening.catch((e) => !(e instanceof TilingUnsupported) && this.session === opening && (this.session = null));
      this.session = opening;
    }
    return this.session;
  }

  /** Why this graph cannot tile, or null when its tiled copy opens. */
  async unavailable(): Promise<string | null> {
    try {
      await this.open();
      return null;
    } catch (e) {
      if (e instanceof TilingUnsupported) return e.message;
      throw e;
    }
  }

  async release(): Promise<void> {
    const session = await this.session?.catch(() => null);
    this.session = null;
    await session?.release();
  }
}
