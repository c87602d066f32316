// The contract every parameter section of a generation tab follows: it reads its own slice of the
// tab's form and writes back patches, so a tab is a list of sections and a new one (hires fix,
// scripts) is one more entry.

export interface FormSectionProps<Fields> {
  /** "txt2img" / "img2img": prefixes every element id in the section. */
  idPrefix: string;
  form: Fields;
  update: (patch: Partial<Fields>) => void;
}
