// The one error every converter throws for a construct it has no mapping for, so that a model that cannot
// be converted says exactly what it contains instead of failing somewhere in onnxruntime.
export class UnsupportedOperatorError extends Error {
  constructor(readonly operator: string) {
    super(`unsupported operator ${operator}`);
    this.name = "UnsupportedOperatorError";
  }
}
